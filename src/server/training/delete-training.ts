import { Conflict } from '../errors.ts';
import { inProgramWrite } from '../tenant/training.ts';
import { trainingInScope } from './training-scope.ts';

/**
 * Deletes a training recorded by mistake, with its attendance, surveys and unused links. Refused (409) once a
 * participant has answered one of its surveys: those answers are the program's evidence.
 */
export async function deleteTraining(opts: { user: { id: string }; trainingId: string }) {
  return inProgramWrite({ userId: opts.user.id }, async (scope) => {
    const { q } = scope;
    const training = await trainingInScope(scope, opts.trainingId);
    const surveyIds = (await q.selectFrom('surveys').select('id').where('training_id', '=', training.id).execute()).map((s) => s.id);
    if (surveyIds.length) {
      const answered = await q.selectFrom('survey_responses').select('id').where('survey_id', 'in', surveyIds).limit(1).executeTakeFirst();
      if (answered) throw new Conflict('training.deleteAnswered');
      await q.deleteFrom('survey_links').where('survey_id', 'in', surveyIds).execute();
      await q.deleteFrom('survey_questions').where('survey_id', 'in', surveyIds).execute();
      await q.deleteFrom('surveys').where('id', 'in', surveyIds).execute();
    }
    await q.deleteFrom('training_attendees').where('training_id', '=', training.id).execute();
    await q.deleteFrom('trainings').where('id', '=', training.id).execute();
  });
}
