import { Invalid } from '../errors.ts';
import { byAction } from '../http/page.ts';
import { formToObject, parseInput } from '../http/validate.ts';
import type { Locale } from '#i18n/index.ts';
import { createSurvey } from './create-survey.ts';
import { issueSurveyLink } from './issue-survey-link.ts';
import { recordAttendance } from './record-attendance.ts';
import { surveyInput, trainingUpdateInput } from './schemas.ts';
import { updateTraining } from './update-training.ts';
import { deleteTraining } from './delete-training.ts';

/** Question rows on the survey form (it works without JavaScript, so the rows are fixed; an unused row has no type). */
export const SURVEY_SLOTS = 6;

export type TrainingFormOutcome =
  | { saved: 'attendance' | 'survey' | 'training'; kept?: string[] }
  | { deleted: true }
  | { link: Awaited<ReturnType<typeof issueSurveyLink>> };

/** The training page's forms: attendance, a new survey from its question rows, a link for one attendee, a correction, deletion. */
export async function submitTrainingForm(opts: {
  user: { id: string };
  trainingId: string;
  form: FormData;
  locale: Locale;
}): Promise<TrainingFormOutcome> {
  const { form, user, trainingId, locale } = opts;
  const field = (name: string) => String(form.get(name) ?? '').trim();
  return byAction<TrainingFormOutcome>(form, {
    attendance: async () => {
      const { kept } = await recordAttendance({ user, trainingId, shopIds: form.getAll('shopId').map(String) });
      return { saved: 'attendance', kept };
    },
    survey: async () => {
      const slots = Array.from({ length: SURVEY_SLOTS }, (_, i) => i).filter((i) => field(`questions.${i}.kind`) !== '');
      const raw = {
        kind: field('kind'),
        title: field('title'),
        questions: slots.map((i) => ({
          kind: field(`questions.${i}.kind`),
          key: field(`questions.${i}.key`),
          textId: field(`questions.${i}.textId`),
          textEn: field(`questions.${i}.textEn`),
        })),
      };
      let input;
      try {
        input = parseInput(surveyInput, raw, locale);
      } catch (err) {
        // Errors name the n-th used row; the form shows them at the row the officer filled.
        if (!(err instanceof Invalid)) throw err;
        const fields = Object.fromEntries(
          Object.entries(err.fields).map(([k, v]) => [
            k.replace(/^questions\.(\d+)/, (_, n: string) => `questions.${slots[Number(n)] ?? 0}`),
            v,
          ]),
        );
        throw new Invalid(fields, err.messageKey, err.params);
      }
      await createSurvey({ user, trainingId, input });
      return { saved: 'survey' };
    },
    edit: async () => {
      const input = parseInput(trainingUpdateInput, formToObject(form), locale);
      await updateTraining({ user, trainingId, input });
      return { saved: 'training' };
    },
    delete: async () => {
      await deleteTraining({ user, trainingId });
      return { deleted: true as const };
    },
    link: async () => {
      return { link: await issueSurveyLink({ user, surveyId: field('surveyId'), attendeeId: field('attendeeId'), locale }) };
    },
  });
}
