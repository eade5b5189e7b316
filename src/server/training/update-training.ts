import { inProgramWrite } from '../tenant/training.ts';
import type { TrainingUpdateInput } from './schemas.ts';
import { trainingInScope, trainingPlace } from './training-scope.ts';

/** Corrects a training's title, date, cohort, place or notes; its program, attendees and surveys stay. */
export async function updateTraining(opts: { user: { id: string }; trainingId: string; input: TrainingUpdateInput }) {
  const { input } = opts;
  return inProgramWrite({ userId: opts.user.id }, async (scope) => {
    const training = await trainingInScope(scope, opts.trainingId);
    const place = await trainingPlace(scope, training.program_id, input);
    await scope.q
      .updateTable('trainings')
      .set({
        title: input.title,
        held_on: input.heldOn,
        cohort: input.cohort,
        district_id: place.districtId,
        village_id: place.villageId,
        notes: input.notes,
      })
      .where('id', '=', training.id)
      .execute();
    return { id: training.id };
  });
}
