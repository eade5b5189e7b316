import { NotFound } from '../errors.ts';
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
