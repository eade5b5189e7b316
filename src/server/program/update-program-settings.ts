import { z } from 'zod';
import { NotFound } from '../errors.ts';
import { inProgram } from '../tenant/program.ts';
import type { SessionUser } from '../auth/session.ts';

/** Indonesia's three time zones; WITA (Makassar) is Gowa's and the default. */
export const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export const programSettingsInput = z.object({
  programId: z.string().min(1),
  timezone: z.enum(TIMEZONES),
});

export async function updateProgramSettings(opts: { user: SessionUser; input: z.output<typeof programSettingsInput> }) {
  await inProgram({ userId: opts.user.id, programId: opts.input.programId }, async ({ q, programIds }) => {
    const r = await q.updateTable('programs').set({ timezone: opts.input.timezone }).where('id', 'in', programIds).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new NotFound();
  });
}
