import { Invalid, NotFound } from '../errors.ts';
import type { ProgramScope } from '../tenant/program.ts';

/** The training inside the caller's programs, or 404 (another program's training is not confirmed to exist). */
export async function trainingInScope(scope: ProgramScope, trainingId: string) {
  const training = await scope.q
    .selectFrom('trainings')
    .selectAll()
    .where('id', '=', trainingId)
    .where('program_id', 'in', scope.programIds.length ? [...scope.programIds] : [''])
    .executeTakeFirst();
  if (!training) throw new NotFound('training.notFound');
  return training;
}

/** The survey inside the caller's programs, or 404. */
export async function surveyInScope(scope: ProgramScope, surveyId: string) {
  const survey = await scope.q
    .selectFrom('surveys')
    .selectAll()
    .where('id', '=', surveyId)
    .where('program_id', 'in', scope.programIds.length ? [...scope.programIds] : [''])
    .executeTakeFirst();
  if (!survey) throw new NotFound('training.notFound');
  return survey;
}

/** Where a training was held: a kecamatan of the program, or a desa (its kecamatan follows from it). */
export async function trainingPlace(
  scope: ProgramScope,
  programId: string,
  input: { districtId?: string | undefined; villageId?: string | undefined },
): Promise<{ districtId: string | null; villageId: string | null }> {
  const { q } = scope;
  let districtId = input.districtId ?? null;
  if (input.villageId) {
    const village = await q
      .selectFrom('villages')
      .select('district_id')
      .where('id', '=', input.villageId)
      .where('program_id', '=', programId)
      .executeTakeFirst();
    if (!village || (districtId && districtId !== village.district_id)) throw new Invalid({ villageId: ['validation.choice'] });
    districtId = village.district_id;
  } else if (districtId) {
    const district = await q
      .selectFrom('districts')
      .select('id')
      .where('id', '=', districtId)
      .where('program_id', '=', programId)
      .executeTakeFirst();
    if (!district) throw new Invalid({ districtId: ['validation.choice'] });
  }
  return { districtId, villageId: input.villageId ?? null };
}
