import { inProgram } from '../tenant/program.ts';
import type { SessionUser } from '../auth/session.ts';

/** Program-wide figures for officers (their programs) and admins (every program): two queries in all. */
export async function programSummary(user: SessionUser) {
  return inProgram({ userId: user.id }, async ({ q, programIds }) => {
    if (programIds.length === 0) return { programs: [] };
    const programs = await q
      .selectFrom('programs')
      .select(['id', 'name', 'slug', 'timezone'])
      .where('id', 'in', programIds)
      .orderBy('name')
      .execute();
    const villages = await q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .leftJoin('shops', 'shops.village_id', 'villages.id')
      .select((eb) => [
        'villages.program_id',
        'villages.id',
        'villages.name',
        'districts.name as district_name',
        eb.fn.count<number>('shops.id').as('shops'),
      ])
      .where('villages.program_id', 'in', programIds)
      .groupBy(['villages.program_id', 'villages.id', 'villages.name', 'districts.name'])
      .orderBy('districts.name')
      .orderBy('villages.name')
      .execute();
    return {
      programs: programs.map((p) => {
        const own = villages.filter((v) => v.program_id === p.id).map(({ program_id: _, ...v }) => v);
        return { ...p, villages: own, shopCount: own.reduce((n, v) => n + Number(v.shops), 0) };
      }),
    };
  });
}
