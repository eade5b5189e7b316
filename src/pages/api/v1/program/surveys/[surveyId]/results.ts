import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getSurveyResults } from '#server/training/get-survey-results.ts';

export const GET = handle(ROUTES.surveyResults, async ({ auth, ctx }) =>
  json(await getSurveyResults({ user: auth.user, surveyId: ctx.params.surveyId ?? '' })),
);
