import type { ProgramScope } from '../tenant/program.ts';
import { inProgram } from '../tenant/program.ts';
import { improvementShare, likertSummary } from './survey-rules.ts';
import { surveyInScope } from './training-scope.ts';

/** Per question of one survey: Likert distribution (1..5) and mean, or the short answers (no names: the officer sees what was said, not by whom). */
export async function surveyResultsIn(scope: ProgramScope, surveyId: string) {
  const survey = await surveyInScope(scope, surveyId);
  const questions = await scope.q
    .selectFrom('survey_questions')
    .select(['id', 'kind', 'key', 'text_id', 'text_en'])
    .where('survey_id', '=', survey.id)
    .orderBy('position')
    .execute();
  const answers = await scope.q
    .selectFrom('survey_answers')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .select(['survey_answers.question_id', 'survey_answers.likert', 'survey_answers.text', 'survey_responses.attendee_id'])
    .where('survey_responses.survey_id', '=', survey.id)
    .orderBy('survey_responses.submitted_at')
    .execute();
  const responses = new Set(answers.map((a) => a.attendee_id)).size;
  return {
    survey: { id: survey.id, kind: survey.kind, title: survey.title, trainingId: survey.training_id },
    responses,
    questions: questions.map((question) => {
      const own = answers.filter((a) => a.question_id === question.id);
      const likert = question.kind === 'likert' ? likertSummary(own.filter((a) => a.likert !== null).map((a) => Number(a.likert))) : null;
      const texts = question.kind === 'text' ? own.flatMap((a) => (a.text ? [a.text] : [])) : [];
      return { id: question.id, kind: question.kind, key: question.key, textId: question.text_id, textEn: question.text_en, likert, texts };
    }),
    /** Likert answers by attendee, for pairing with the other survey of the training. */
    byAttendee: new Map(
      questions.map((question) => [
        question.key,
        new Map(answers.filter((a) => a.question_id === question.id && a.likert !== null).map((a) => [a.attendee_id, Number(a.likert)])),
      ]),
    ),
  };
}

/** Results of one survey in the caller's programs (404 outside them). */
export async function getSurveyResults(opts: { user: { id: string }; surveyId: string }) {
  const { byAttendee: _, ...results } = await inProgram({ userId: opts.user.id }, (scope) => surveyResultsIn(scope, opts.surveyId));
  return results;
}

/** For each Likert key the pre and post survey share: how many participants answered both and how many improved. */
export function pairImprovements(
  pre: Awaited<ReturnType<typeof surveyResultsIn>> | null,
  post: Awaited<ReturnType<typeof surveyResultsIn>> | null,
) {
  if (!pre || !post) return [];
  return pre.questions
    .filter((q) => q.kind === 'likert' && post.questions.some((p) => p.key === q.key && p.kind === 'likert'))
    .map((q) => ({
      key: q.key,
      textId: q.textId,
      textEn: q.textEn,
      ...improvementShare(pre.byAttendee.get(q.key)!, post.byAttendee.get(q.key)!),
    }));
}
