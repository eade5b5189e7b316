import { NotFound } from '../errors.ts';
import { inProgram } from '../tenant/program.ts';

/**
 * The door for an officer's work on one shop: the program must be the officer's (else 404), and the shop
 * must belong to it (else 404, so another program's shops are not confirmed to exist).
 */
export async function requireProgramShop(opts: { userId: string; programId: string; shopId: string }) {
  return inProgram({ userId: opts.userId, programId: opts.programId }, async ({ q, programIds }) => {
    const shop = await q
      .selectFrom('shops')
      .select(['id', 'name', 'slug', 'program_id', 'whatsapp'])
      .where('id', '=', opts.shopId)
      .where('program_id', 'in', [...programIds])
      .executeTakeFirst();
    if (!shop) throw new NotFound();
    return shop;
  });
}
