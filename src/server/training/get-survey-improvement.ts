import { inProgram } from '../tenant/program.ts';
import { BRANDING_QUESTION_KEY, improvementShare } from './survey-rules.ts';

/**
 * For one Likert question (by key, shared by a training's pre and post survey): the share of trained
 * participants whose post answer is higher than their pre answer, over the program's trainings (or one).
 * `share` is null while nobody has answered both. The program's branding target reads this.
 */
export async function getSurveyImprovement(opts: { user: { id: string }; programId: string; questionKey?: string; trainingId?: string }) {
  const questionKey = opts.questionKey ?? BRANDING_QUESTION_KEY;
  const rows = await inProgram({ userId: opts.user.id, programId: opts.programId }, ({ q, programIds }) => {
    let query = q
      .selectFrom('survey_answers')
      .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
      .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
      .select(['surveys.kind', 'survey_responses.attendee_id', 'survey_answers.likert'])
      .where('surveys.program_id', 'in', programIds)
      .where('survey_questions.key', '=', questionKey)
      .where('survey_questions.kind', '=', 'likert')
      .where('survey_answers.likert', 'is not', null);
    if (opts.trainingId) query = query.where('surveys.training_id', '=', opts.trainingId);
    return query.execute();
  });
  const pre = new Map<string, number>();
  const post = new Map<string, number>();
  for (const r of rows) (r.kind === 'pre' ? pre : post).set(r.attendee_id, Number(r.likert));
  return { questionKey, trainingId: opts.trainingId ?? null, ...improvementShare(pre, post) };
}
