import type { Db, Tx } from '../db/index.ts';
import { NotFound } from '../errors.ts';
import { acrossShops } from './index.ts';

/**
 * The door to program-wide data, as inShop is for one shop: resolves once which programs the user may
 * read (an officer's own programs; every program for a platform admin), refuses a programId outside them
 * (404), and hands the callback those program ids. Every query inside filters on `scope.programIds`.
 */
export interface ProgramScope {
  readonly programIds: readonly string[];
  readonly admin: boolean;
  readonly q: Db | Tx;
}

export async function inProgram<T>(opts: { userId: string; programId?: string }, fn: (scope: ProgramScope) => Promise<T>): Promise<T> {
  return acrossShops(async (q) => {
    const user = await q.selectFrom('users').select('is_admin').where('id', '=', opts.userId).executeTakeFirst();
    const admin = user?.is_admin === 1;
    const rows = admin
      ? await q.selectFrom('programs').select('id as program_id').execute()
      : await q.selectFrom('program_officers').select('program_id').where('user_id', '=', opts.userId).execute();
    let programIds = rows.map((r) => r.program_id);
    if (opts.programId) {
      if (!programIds.includes(opts.programId)) throw new NotFound();
      programIds = [opts.programId];
    }
    return fn({ programIds, admin, q });
  });
}
