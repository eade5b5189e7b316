import { z } from 'zod';
import { db } from '../db/index.ts';
import { NotFound } from '../errors.ts';
import { programRole } from '../auth/access.ts';
import type { SessionUser } from '../auth/session.ts';

/** Indonesia's three time zones; WITA (Makassar) is Gowa's and the default. */
export const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export const programSettingsInput = z.object({
  programId: z.string().min(1),
  timezone: z.enum(TIMEZONES),
});

export async function updateProgramSettings(opts: { user: SessionUser; input: z.output<typeof programSettingsInput> }) {
  const { admin, programIds } = await programRole(opts.user);
  if (!admin && !programIds.includes(opts.input.programId)) throw new NotFound();
  const r = await db().updateTable('programs').set({ timezone: opts.input.timezone }).where('id', '=', opts.input.programId).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new NotFound();
}
