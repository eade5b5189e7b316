import { NotFound } from '../errors.ts';
import { inProgram } from '../tenant/program.ts';
import { listKabupaten } from '../areas/official-areas.ts';
import { listRegistry } from './list-registry.ts';

/** The registry page of one of the officer's programs (the first unless `programId` names another). */
export async function getRegistryPage(opts: { userId: string; programId?: string }) {
  const base = await inProgram({ userId: opts.userId, programId: opts.programId }, async ({ q, programIds }) => {
    const program = await q
      .selectFrom('programs')
      .select(['id', 'name', 'kabupaten_code'])
      .where('id', 'in', programIds.length ? [...programIds] : [''])
      .orderBy('name')
      .executeTakeFirst();
    if (!program) throw new NotFound();
    const villages = await q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .select([
        'villages.id',
        'villages.name',
        'villages.code',
        'villages.parent_id',
        'districts.name as district',
        'districts.code as district_code',
      ])
      .where('villages.program_id', '=', program.id)
      .orderBy('districts.code')
      .orderBy('districts.name')
      .orderBy('villages.code')
      .orderBy('villages.name')
      .execute();
    return { program, villages };
  });
  const official = base.villages.filter((v) => v.code !== null);
  return {
    ...base,
    kabupaten: listKabupaten(),
    counts: {
      kecamatan: new Set(official.map((v) => v.district)).size,
      desa: official.length,
      local: base.villages.length - official.length,
    },
    shops: await listRegistry({ userId: opts.userId, programId: base.program.id }),
  };
}
