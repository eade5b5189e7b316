import { inProgram } from '../tenant/program.ts';
import { newId, nowIso } from '../util.ts';
import type { TrainingInput } from './schemas.ts';
import { trainingPlace } from './training-scope.ts';

/** Records a training session of the program; its place is a kecamatan, or a desa (its kecamatan follows). */
export async function createTraining(opts: { user: { id: string }; input: TrainingInput }) {
  const { input } = opts;
  return inProgram({ userId: opts.user.id, programId: input.programId }, async (scope) => {
    const place = await trainingPlace(scope, input.programId, input);
    const id = newId();
    await scope.q
      .insertInto('trainings')
      .values({
        id,
        program_id: input.programId,
        title: input.title,
        held_on: input.heldOn,
        cohort: input.cohort,
        district_id: place.districtId,
        village_id: place.villageId,
        notes: input.notes,
        created_by: opts.user.id,
        created_at: nowIso(),
      })
      .execute();
    return { id };
  });
}
