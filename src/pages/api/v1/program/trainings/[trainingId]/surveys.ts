import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { createSurvey } from '#server/training/create-survey.ts';

export const POST = handle(ROUTES.createSurvey, async ({ auth, body, ctx }) =>
  json(await createSurvey({ user: auth.user, trainingId: ctx.params.trainingId ?? '', input: body }), { status: 201 }),
);
