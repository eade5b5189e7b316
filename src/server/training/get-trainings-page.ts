import { inProgram, type ProgramScope } from '../tenant/program.ts';
import { listTrainings } from './list-trainings.ts';

/** The kecamatan and desa of the given programs, to place a training. */
export async function programPlaces(q: ProgramScope['q'], programIds: readonly string[]) {
  if (programIds.length === 0) return { districts: [], villages: [] };
  const districts = await q
    .selectFrom('districts')
    .select(['id', 'name', 'program_id as programId'])
    .where('program_id', 'in', [...programIds])
    .orderBy('name')
    .execute();
  const villages = await q
    .selectFrom('villages')
    .select(['id', 'name', 'district_id as districtId'])
    .where('program_id', 'in', [...programIds])
    .orderBy('name')
    .execute();
  return { districts, villages };
}

/** The trainings page: the sessions, and per program its kecamatan and desa to place a new one. */
export async function getTrainingsPage(opts: { user: { id: string } }) {
  const places = await inProgram({ userId: opts.user.id }, async ({ q, programIds }) => {
    if (programIds.length === 0) return { programs: [], districts: [], villages: [] };
    const programs = await q.selectFrom('programs').select(['id', 'name']).where('id', 'in', programIds).orderBy('name').execute();
    return { programs, ...(await programPlaces(q, programIds)) };
  });
  return { ...places, ...(await listTrainings({ user: opts.user })) };
}
