import { Conflict } from '../errors.ts';
import { inProgramWrite } from '../tenant/training.ts';
import { newId, nowIso } from '../util.ts';
import type { SurveyInput } from './schemas.ts';
import { trainingInScope } from './training-scope.ts';

/** One pre and one post survey per training; questions in Bahasa Indonesia and English, keyed so pre and post pair. */
export async function createSurvey(opts: { user: { id: string }; trainingId: string; input: SurveyInput }) {
  return inProgramWrite({ userId: opts.user.id }, async (scope) => {
    const training = await trainingInScope(scope, opts.trainingId);
    const exists = await scope.q
      .selectFrom('surveys')
      .select('id')
      .where('training_id', '=', training.id)
      .where('kind', '=', opts.input.kind)
      .executeTakeFirst();
    if (exists) throw new Conflict('training.surveyExists');
    const id = newId();
    await scope.q
      .insertInto('surveys')
      .values({
        id,
        program_id: training.program_id,
        training_id: training.id,
        kind: opts.input.kind,
        title: opts.input.title,
        created_by: opts.user.id,
        created_at: nowIso(),
      })
      .execute();
    await scope.q
      .insertInto('survey_questions')
      .values(
        opts.input.questions.map((question, position) => ({
          id: newId(),
          survey_id: id,
          position,
          kind: question.kind,
          key: question.key,
          text_id: question.textId,
          text_en: question.textEn,
        })),
      )
      .execute();
    return { id };
  });
}
