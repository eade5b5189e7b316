import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getSurveyImprovement } from '#server/training/get-survey-improvement.ts';

export const GET = handle(ROUTES.surveyImprovement, async ({ auth, query }) =>
  json(
    await getSurveyImprovement({
      user: auth.user,
      programId: query.programId,
      ...(query.questionKey && { questionKey: query.questionKey }),
      ...(query.trainingId && { trainingId: query.trainingId }),
    }),
  ),
);
