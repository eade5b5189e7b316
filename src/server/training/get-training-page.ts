import { inProgram } from '../tenant/program.ts';
import { pairImprovements, surveyResultsIn } from './get-survey-results.ts';
import { trainingInScope } from './training-scope.ts';
import { programPlaces } from './get-trainings-page.ts';

/** Everything the training page shows: the session, the program's shops with who attended, both surveys' results and the improvement per question. */
export async function getTrainingPage(opts: { user: { id: string }; trainingId: string }) {
  return inProgram({ userId: opts.user.id }, async (scope) => {
    const training = await trainingInScope(scope, opts.trainingId);
    const { q } = scope;
    const place = await q
      .selectFrom('trainings')
      .leftJoin('districts', 'districts.id', 'trainings.district_id')
      .leftJoin('villages', 'villages.id', 'trainings.village_id')
      .select(['districts.name as district', 'villages.name as village'])
      .where('trainings.id', '=', training.id)
      .executeTakeFirstOrThrow();
    const shops = await q
      .selectFrom('shops')
      .innerJoin('villages', 'villages.id', 'shops.village_id')
      .select(['shops.id', 'shops.name', 'villages.name as village'])
      .where('shops.program_id', '=', training.program_id)
      .orderBy('shops.name')
      .execute();
    const attendees = await q
      .selectFrom('training_attendees')
      .innerJoin('shops', 'shops.id', 'training_attendees.shop_id')
      .select([
        'training_attendees.id',
        'training_attendees.shop_id as shopId',
        'training_attendees.person_name as person',
        'shops.name as shop',
      ])
      .where('training_attendees.training_id', '=', training.id)
      .orderBy('shops.name')
      .execute();
    const surveys = await q.selectFrom('surveys').select(['id', 'kind']).where('training_id', '=', training.id).execute();
    const pre = surveys.find((s) => s.kind === 'pre');
    const post = surveys.find((s) => s.kind === 'post');
    const preResults = pre ? await surveyResultsIn(scope, pre.id) : null;
    const postResults = post ? await surveyResultsIn(scope, post.id) : null;
    const answered = await q
      .selectFrom('survey_responses')
      .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
      .select(['surveys.kind', 'survey_responses.attendee_id'])
      .where('surveys.training_id', '=', training.id)
      .execute();
    const strip = (r: typeof preResults) => (r ? (({ byAttendee: _, ...rest }) => rest)(r) : null);
    return {
      training: { ...training, ...place },
      shops,
      attendees: attendees.map((a) => ({
        ...a,
        answeredPre: answered.some((r) => r.kind === 'pre' && r.attendee_id === a.id),
        answeredPost: answered.some((r) => r.kind === 'post' && r.attendee_id === a.id),
      })),
      pre: strip(preResults),
      post: strip(postResults),
      improvements: pairImprovements(preResults, postResults),
      /** Where the training may be moved to when it is corrected. */
      places: await programPlaces(q, [training.program_id]),
      /** A training with answers cannot be deleted (deleteTraining). */
      hasAnswers: answered.length > 0,
    };
  });
}
