import { Invalid, NotFound } from '../errors.ts';
import { newId, nowIso, sha256Hex } from '../util.ts';
import { useSurveyLink } from '../tenant/training.ts';
import { openSurvey } from './open-survey.ts';

/**
 * A participant's answers from the public form (`q_<questionId>` fields): every Likert question needs 1..5,
 * short answers are optional (at most 500 characters). The link is spent in the same transaction.
 */
export async function submitSurveyResponse(opts: { token: string; form: Record<string, unknown> }) {
  const link = await openSurvey(opts.token);
  const fields: Record<string, string[]> = {};
  const responseId = newId();
  const answers = link.questions.map((question) => {
    const raw = opts.form[`q_${question.id}`];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (question.kind === 'likert') {
      const n = Number(value);
      if (!/^[1-5]$/.test(value)) fields[`q_${question.id}`] = [value ? 'validation.choice' : 'training.answerRequired'];
      return { response_id: responseId, question_id: question.id, likert: n, text: null };
    }
    if (value.length > 500) fields[`q_${question.id}`] = ['training.answerTooLong'];
    return { response_id: responseId, question_id: question.id, likert: null, text: value || null };
  });
  if (Object.keys(fields).length) throw new Invalid(fields, 'training.answerMissing');
  const ok = await useSurveyLink({
    tokenHash: sha256Hex(opts.token),
    now: nowIso(),
    response: { id: responseId, survey_id: link.survey_id, attendee_id: link.attendee_id, program_id: link.program_id },
    answers,
  });
  if (!ok) throw new NotFound('training.linkInvalid');
  return { surveyId: link.survey_id };
}
