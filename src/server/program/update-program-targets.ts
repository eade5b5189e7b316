import type { z } from 'zod';
import { inProgram } from '../tenant/program.ts';
import { nowIso } from '../util.ts';
import type { SessionUser } from '../auth/session.ts';
import { NotFound } from '../errors.ts';
import { DEFAULT_TARGETS, TARGET_INDICATORS, type targetsInput } from './indicator-rules.ts';

/**
 * Sets the program's targets (percent of shops). A target left empty is removed. The first edit writes every
 * indicator's row, so the seeded defaults the page showed stay as they were unless changed.
 */
export async function updateProgramTargets(opts: { user: SessionUser; input: z.output<typeof targetsInput> }) {
  const { programId } = opts.input;
  return inProgram({ userId: opts.user.id, programId }, async ({ q, programIds }) => {
    if (!programIds.includes(programId)) throw new NotFound();
    const stored = await q.selectFrom('program_targets').select(['indicator', 'min_percent']).where('program_id', '=', programId).execute();
    const next = new Map<string, number | null>(
      stored.length ? stored.map((r) => [r.indicator, Number(r.min_percent)]) : Object.entries(DEFAULT_TARGETS),
    );
    for (const t of opts.input.targets) next.set(t.indicator, t.minPercent);
    const now = nowIso();
    const rows = TARGET_INDICATORS.filter((i) => next.get(i) !== undefined && next.get(i) !== null).map((indicator) => ({
      program_id: programId,
      indicator,
      min_percent: next.get(indicator)!,
      updated_by: opts.user.id,
      updated_at: now,
    }));
    // Upserts and one delete rather than delete-then-insert: the door gives no transaction on SQLite, and a failure
    // half-way must not leave the program without its targets.
    if (rows.length)
      await q
        .insertInto('program_targets')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['program_id', 'indicator']).doUpdateSet((eb) => ({
            min_percent: eb.ref('excluded.min_percent'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    const cleared = TARGET_INDICATORS.filter((i) => next.get(i) === null);
    if (cleared.length)
      await q.deleteFrom('program_targets').where('program_id', '=', programId).where('indicator', 'in', cleared).execute();
    return { targets: rows.map((r) => ({ indicator: r.indicator, minPercent: r.min_percent })) };
  });
}
