import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { newId, nowIso, sha256Hex } from '#server/util.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { actAt } from '#server/clock.ts';
import { Conflict, NotFound, Invalid } from '#server/errors.ts';
import { createTraining } from '#server/training/create-training.ts';
import { recordAttendance } from '#server/training/record-attendance.ts';
import { createSurvey } from '#server/training/create-survey.ts';
import { issueSurveyLink } from '#server/training/issue-survey-link.ts';
import { openSurvey } from '#server/training/open-survey.ts';
import { submitSurveyResponse } from '#server/training/submit-survey-response.ts';
import { getSurveyResults } from '#server/training/get-survey-results.ts';
import { getSurveyImprovement } from '#server/training/get-survey-improvement.ts';
import { getTrainingPage } from '#server/training/get-training-page.ts';
import { listTrainings } from '#server/training/list-trainings.ts';
import { updateTraining } from '#server/training/update-training.ts';
import { deleteTraining } from '#server/training/delete-training.ts';
import { DEFAULT_QUESTIONS, SURVEY_LINK_SECONDS } from '#server/training/survey-rules.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await env.close();
});

const questions = DEFAULT_QUESTIONS.map((q) => ({ kind: q.kind, key: q.key, textId: q.text_id, textEn: q.text_en }));
const userByEmail = async (email: string) => db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();

/** Program B beside the seeded program A: its own kecamatan, desa, officer and four shops s1..s4. */
async function programB() {
  const now = nowIso();
  const programId = newId();
  const districtId = newId();
  const villageId = newId();
  const officer = { id: newId() };
  await db()
    .insertInto('programs')
    .values({ id: programId, slug: `b-${programId}`, name: 'Program B', created_at: now })
    .execute();
  await db().insertInto('districts').values({ id: districtId, program_id: programId, slug: 'kec-b', name: 'Kecamatan B' }).execute();
  await db()
    .insertInto('villages')
    .values({ id: villageId, program_id: programId, district_id: districtId, slug: 'desa-b', name: 'Desa B' })
    .execute();
  await db()
    .insertInto('users')
    .values({ id: officer.id, name: 'Officer B', email: `b-${programId}@test`, password_hash: 'x', created_at: now })
    .execute();
  await db().insertInto('program_officers').values({ program_id: programId, user_id: officer.id }).execute();
  const shops: string[] = [];
  for (const n of [1, 2, 3, 4]) {
    const id = newId();
    shops.push(id);
    await db()
      .insertInto('shops')
      .values({
        id,
        program_id: programId,
        village_id: villageId,
        slug: `s${n}-${programId}`,
        name: `Toko ${n}`,
        whatsapp: `+62812000000${n}`,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { programId, districtId, villageId, officer, shops };
}

/** Pre and post survey for a training attended by `shops`, answered with the given branding values (undefined: not answered). */
async function surveyed(
  b: Awaited<ReturnType<typeof programB>>,
  title: string,
  shops: string[],
  branding: { pre: (number | undefined)[]; post: (number | undefined)[] },
) {
  const { id: trainingId } = await createTraining({
    user: b.officer,
    input: { programId: b.programId, title, heldOn: '2026-03-10', cohort: '2026-A', villageId: b.villageId, notes: '' },
  });
  await recordAttendance({ user: b.officer, trainingId, shopIds: shops });
  const page = await getTrainingPage({ user: b.officer, trainingId });
  const attendee = (shopId: string) => page.attendees.find((a) => a.shopId === shopId)!.id;
  const surveys: Record<'pre' | 'post', string> = { pre: '', post: '' };
  for (const kind of ['pre', 'post'] as const) {
    surveys[kind] = (await createSurvey({ user: b.officer, trainingId, input: { kind, title: `${title} ${kind}`, questions } })).id;
    for (const [i, shopId] of shops.entries()) {
      const value = branding[kind][i];
      if (value === undefined) continue;
      const link = await issueSurveyLink({ user: b.officer, surveyId: surveys[kind], attendeeId: attendee(shopId), locale: 'id' });
      const token = link.url.split('/').pop()!;
      const opened = await openSurvey(token);
      const form: Record<string, string> = {};
      for (const q of opened.questions) form[`q_${q.id}`] = q.kind === 'likert' ? String(q.key === 'branding' ? value : 3) : `jawaban ${i}`;
      await submitSurveyResponse({ token, form });
    }
  }
  return { trainingId, surveys };
}

describe(`training surveys (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let b: Awaited<ReturnType<typeof programB>>;
  let first: Awaited<ReturnType<typeof surveyed>>;
  beforeAll(async () => {
    b = await programB();
    const [s1, s2, s3, s4] = b.shops as [string, string, string, string];
    // s1 2→4 improved, s2 3→3 unchanged, s3 4→3 declined, s4 answered only the pre survey.
    first = await surveyed(b, 'Branding 1', [s1, s2, s3, s4], { pre: [2, 3, 4, 1], post: [4, 3, 3, undefined] });
    // A second training: s1 1→5 improved, s2 answered only the post survey.
    await surveyed(b, 'Branding 2', [s1, s2], { pre: [1, undefined], post: [5, 2] });
  });

  it('results per question: distribution and mean, short answers', async () => {
    const pre = await getSurveyResults({ user: b.officer, surveyId: first.surveys.pre });
    expect(pre.responses).toBe(4);
    const branding = pre.questions.find((q) => q.key === 'branding')!;
    expect(branding.likert).toEqual({ count: 4, distribution: [1, 1, 1, 1, 0], mean: 2.5 });
    const post = await getSurveyResults({ user: b.officer, surveyId: first.surveys.post });
    const after = post.questions.find((q) => q.key === 'branding')!;
    expect(after.likert!.distribution).toEqual([0, 0, 2, 1, 0]);
    expect(after.likert!.mean).toBeCloseTo(10 / 3, 10);
    expect(post.questions.find((q) => q.kind === 'text')!.texts.sort()).toEqual(['jawaban 0', 'jawaban 1', 'jawaban 2']);
  });

  it('share improved: per training and across the program, pairing only participants who answered both', async () => {
    expect(await getSurveyImprovement({ user: b.officer, programId: b.programId, trainingId: first.trainingId })).toMatchObject({
      questionKey: 'branding',
      paired: 3,
      improved: 1,
      unchanged: 1,
      declined: 1,
      share: 1 / 3,
    });
    expect(await getSurveyImprovement({ user: b.officer, programId: b.programId })).toMatchObject({ paired: 4, improved: 2, share: 0.5 });
    // Every other Likert question was answered 3 before and after: nobody improved.
    expect(await getSurveyImprovement({ user: b.officer, programId: b.programId, questionKey: 'packaging' })).toMatchObject({
      paired: 4,
      improved: 0,
      share: 0,
    });
    expect(await getSurveyImprovement({ user: b.officer, programId: b.programId, questionKey: 'nothing' })).toMatchObject({
      paired: 0,
      share: null,
    });
    const page = await getTrainingPage({ user: b.officer, trainingId: first.trainingId });
    expect(page.improvements.find((i) => i.key === 'branding')).toMatchObject({ paired: 3, improved: 1, share: 1 / 3 });
  });

  it('a link is single use, expires, is stored only as its hash, and keeps a refused answer from spending it', async () => {
    const page = await getTrainingPage({ user: b.officer, trainingId: first.trainingId });
    const s4 = page.attendees.find((a) => a.shopId === b.shops[3])!;
    const link = await issueSurveyLink({ user: b.officer, surveyId: first.surveys.post, attendeeId: s4.id, locale: 'en' });
    expect(link.whatsappUrl).toMatch(/^https:\/\/wa\.me\/628120000004\?text=/);
    expect(decodeURIComponent(link.whatsappUrl.split('?text=')[1]!)).toContain(link.url);
    const token = link.url.split('/').pop()!;
    const stored = await db().selectFrom('survey_links').selectAll().where('attendee_id', '=', s4.id).execute();
    expect(stored.map((r) => r.token_hash)).toContain(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const opened = await openSurvey(token);
    const likert = opened.questions.filter((q) => q.kind === 'likert');
    await expect(submitSurveyResponse({ token, form: {} })).rejects.toBeInstanceOf(Invalid);
    await expect(submitSurveyResponse({ token, form: { [`q_${likert[0]!.id}`]: '6' } })).rejects.toBeInstanceOf(Invalid);
    const form = Object.fromEntries(likert.map((q) => [`q_${q.id}`, '4']));
    await submitSurveyResponse({ token, form });
    await expect(openSurvey(token)).rejects.toBeInstanceOf(NotFound);
    await expect(submitSurveyResponse({ token, form })).rejects.toBeInstanceOf(NotFound);
    // A second link for someone who has answered is refused as well.
    const again = await issueSurveyLink({ user: b.officer, surveyId: first.surveys.post, attendeeId: s4.id, locale: 'id' });
    await expect(openSurvey(again.url.split('/').pop()!)).rejects.toBeInstanceOf(NotFound);

    const s3 = page.attendees.find((a) => a.shopId === b.shops[2])!;
    const expiring = await issueSurveyLink({ user: b.officer, surveyId: first.surveys.post, attendeeId: s3.id, locale: 'id' });
    const late = new Date(Date.now() + (SURVEY_LINK_SECONDS + 60) * 1000);
    const expiredToken = expiring.url.split('/').pop()!;
    await expect(actAt(late, () => openSurvey(expiredToken))).rejects.toBeInstanceOf(NotFound);
    await expect(openSurvey('not-a-token')).rejects.toBeInstanceOf(NotFound);
    await expect(openSurvey('a'.repeat(32))).rejects.toBeInstanceOf(NotFound);
  });

  it('an officer of program A sees nothing of program B, and a shop owner nothing at all', async () => {
    const officerA = await userByEmail('pendamping@gowa.test');
    const owner = await userByEmail('pemilik@hk05.test');
    for (const user of [officerA, owner]) {
      await expect(getSurveyImprovement({ user, programId: b.programId })).rejects.toBeInstanceOf(NotFound);
      await expect(getTrainingPage({ user, trainingId: first.trainingId })).rejects.toBeInstanceOf(NotFound);
      await expect(getSurveyResults({ user, surveyId: first.surveys.pre })).rejects.toBeInstanceOf(NotFound);
      await expect(recordAttendance({ user, trainingId: first.trainingId, shopIds: [] })).rejects.toBeInstanceOf(NotFound);
      await expect(
        createSurvey({ user, trainingId: first.trainingId, input: { kind: 'pre', title: 'x', questions } }),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(
        createTraining({ user, input: { programId: b.programId, title: 'x', heldOn: '2026-01-01', cohort: '', notes: '' } }),
      ).rejects.toBeInstanceOf(NotFound);
      const attendeeId = (await getTrainingPage({ user: b.officer, trainingId: first.trainingId })).attendees[0]!.id;
      await expect(issueSurveyLink({ user, surveyId: first.surveys.pre, attendeeId, locale: 'id' })).rejects.toBeInstanceOf(NotFound);
      expect((await listTrainings({ user })).trainings.map((t) => t.programId)).not.toContain(b.programId);
      const before = await db().selectFrom('trainings').selectAll().where('id', '=', first.trainingId).executeTakeFirstOrThrow();
      await expect(
        updateTraining({ user, trainingId: first.trainingId, input: { title: 'Dibajak', heldOn: '2026-01-01', cohort: '', notes: '' } }),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(deleteTraining({ user, trainingId: first.trainingId })).rejects.toBeInstanceOf(NotFound);
      expect(await db().selectFrom('trainings').selectAll().where('id', '=', first.trainingId).executeTakeFirstOrThrow()).toEqual(before);
    }
    // Program B's officer cannot enrol program A's shops.
    const hk05 = await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow();
    await expect(recordAttendance({ user: b.officer, trainingId: first.trainingId, shopIds: [hk05.id] })).rejects.toBeInstanceOf(Invalid);
  });

  it('a training has one survey of each kind; attendance can be changed while shops without answers leave', async () => {
    await expect(
      createSurvey({ user: b.officer, trainingId: first.trainingId, input: { kind: 'pre', title: 'again', questions } }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const { id: trainingId } = await createTraining({
      user: b.officer,
      input: { programId: b.programId, title: 'Kas', heldOn: '2026-04-01', cohort: '', districtId: b.districtId, notes: '' },
    });
    await recordAttendance({ user: b.officer, trainingId, shopIds: [b.shops[0]!, b.shops[1]!] });
    const left = await recordAttendance({ user: b.officer, trainingId, shopIds: [b.shops[1]!] });
    expect(left.kept).toEqual([]);
    expect((await getTrainingPage({ user: b.officer, trainingId })).attendees.map((a) => a.shopId)).toEqual([b.shops[1]]);
    // An attendee with a survey link stays, and the answer says so, so the page can tell the officer why.
    const { id: surveyId } = await createSurvey({ user: b.officer, trainingId, input: { kind: 'pre', title: 'Kas awal', questions } });
    await issueSurveyLink({ user: b.officer, surveyId, attendeeId: left.attendees[0]!.id, locale: 'id' });
    const none = await recordAttendance({ user: b.officer, trainingId, shopIds: [] });
    expect(none.kept).toEqual([left.attendees[0]!.id]);
    expect(none.attendees.map((a) => a.shopId)).toEqual([b.shops[1]]);
    expect((await listTrainings({ user: b.officer, programId: b.programId })).trainings.find((t) => t.id === trainingId)).toMatchObject({
      attendees: 1,
      district: 'Kecamatan B',
      village: null,
    });
  });

  it('a training is corrected in place; deleted with its attendance and unused links until a survey of it has answers', async () => {
    const { id: trainingId } = await createTraining({
      user: b.officer,
      input: { programId: b.programId, title: 'Salah ketik', heldOn: '2026-05-01', cohort: '', districtId: b.districtId, notes: '' },
    });
    // The desa decides the kecamatan; a desa of another program is refused and changes nothing.
    await expect(
      updateTraining({
        user: b.officer,
        trainingId,
        input: { title: 'x', heldOn: '2026-05-02', cohort: '', villageId: 'elsewhere', notes: '' },
      }),
    ).rejects.toBeInstanceOf(Invalid);
    await updateTraining({
      user: b.officer,
      trainingId,
      input: { title: 'Kelas kemasan', heldOn: '2026-05-02', cohort: 'Angkatan 2', districtId: b.districtId, notes: 'Dipindah' },
    });
    expect((await getTrainingPage({ user: b.officer, trainingId })).training).toMatchObject({
      title: 'Kelas kemasan',
      held_on: '2026-05-02',
      cohort: 'Angkatan 2',
      district: 'Kecamatan B',
      notes: 'Dipindah',
      program_id: b.programId,
    });
    const { attendees } = await recordAttendance({ user: b.officer, trainingId, shopIds: [b.shops[0]!] });
    const { id: surveyId } = await createSurvey({ user: b.officer, trainingId, input: { kind: 'pre', title: 'Awal', questions } });
    await issueSurveyLink({ user: b.officer, surveyId, attendeeId: attendees[0]!.id, locale: 'id' });
    await deleteTraining({ user: b.officer, trainingId });
    expect(await db().selectFrom('trainings').select('id').where('id', '=', trainingId).execute()).toEqual([]);
    expect(await db().selectFrom('training_attendees').select('id').where('training_id', '=', trainingId).execute()).toEqual([]);
    expect(await db().selectFrom('surveys').select('id').where('training_id', '=', trainingId).execute()).toEqual([]);
    expect(await db().selectFrom('survey_links').select('token_hash').where('survey_id', '=', surveyId).execute()).toEqual([]);

    // The first training has answers: deleting it is refused and leaves every row.
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('survey_responses')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('program_id', '=', b.programId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const answers = await count();
    expect(answers).toBeGreaterThan(0);
    await expect(deleteTraining({ user: b.officer, trainingId: first.trainingId })).rejects.toBeInstanceOf(Conflict);
    expect(await count()).toBe(answers);
    expect((await getTrainingPage({ user: b.officer, trainingId: first.trainingId })).hasAnswers).toBe(true);
  });
});
