import type { Db } from '../src/server/db/index.ts';
import { createTraining } from '../src/server/training/create-training.ts';
import { recordAttendance } from '../src/server/training/record-attendance.ts';
import { createSurvey } from '../src/server/training/create-survey.ts';
import { getTrainingPage } from '../src/server/training/get-training-page.ts';
import { issueSurveyLink } from '../src/server/training/issue-survey-link.ts';
import { openSurvey } from '../src/server/training/open-survey.ts';
import { submitSurveyResponse } from '../src/server/training/submit-survey-response.ts';
import { DEFAULT_QUESTIONS } from '../src/server/training/survey-rules.ts';

/** Likert answers per demo shop (branding, packaging, bookkeeping) before and after, and what each wrote. */
const ANSWERS: Record<string, { pre: number[]; post: number[]; note: string }> = {
  hk05: { pre: [2, 2, 3], post: [4, 4, 4], note: 'Ingin label yang memenuhi aturan BPOM.' },
  'roti-balang': { pre: [3, 2, 2], post: [4, 3, 4], note: 'Foto produk untuk WhatsApp.' },
  'kopi-borongloe': { pre: [3, 3, 2], post: [3, 4, 3], note: 'Mencatat kas harian.' },
};

/**
 * The demo program's branding workshop a month ago: the three demo shops attended and answered the pre and
 * post survey from their links, all through the officer's use cases, so the training page shows results
 * (two of three improved on branding) on a first start.
 */
export async function seedTraining(db: Db): Promise<void> {
  const officer = await db.selectFrom('users').select('id').where('email', '=', 'pendamping@gowa.test').executeTakeFirst();
  const program = await db.selectFrom('programs').select('id').executeTakeFirst();
  if (!officer || !program) return;
  const shops = await db.selectFrom('shops').select(['id', 'slug', 'village_id']).where('program_id', '=', program.id).execute();
  const heldOn = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const { id: trainingId } = await createTraining({
    user: officer,
    input: {
      programId: program.id,
      title: 'Lokakarya merek dan kemasan',
      heldOn,
      cohort: 'Angkatan 2026',
      villageId: shops.find((s) => s.slug === 'hk05')?.village_id,
      notes: 'Praktik membuat logo dan label di Etalase.',
    },
  });
  await recordAttendance({ user: officer, trainingId, shopIds: shops.map((s) => s.id) });
  const { attendees } = await getTrainingPage({ user: officer, trainingId });
  const questions = DEFAULT_QUESTIONS.map((q) => ({ kind: q.kind, key: q.key, textId: q.text_id, textEn: q.text_en }));
  for (const kind of ['pre', 'post'] as const) {
    const title = kind === 'pre' ? 'Survei awal lokakarya merek' : 'Survei akhir lokakarya merek';
    const { id: surveyId } = await createSurvey({ user: officer, trainingId, input: { kind, title, questions } });
    for (const attendee of attendees) {
      const answers = ANSWERS[shops.find((s) => s.id === attendee.shopId)?.slug ?? ''];
      if (!answers) continue;
      const { url } = await issueSurveyLink({ user: officer, surveyId, attendeeId: attendee.id, locale: 'id' });
      const token = url.split('/').pop()!;
      const survey = await openSurvey(token);
      const likert = answers[kind];
      const form = Object.fromEntries(
        survey.questions.map((q, i) => [`q_${q.id}`, q.kind === 'likert' ? String(likert[i] ?? 3) : kind === 'pre' ? answers.note : '']),
      );
      await submitSurveyResponse({ token, form });
    }
  }
}
