import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listTrainings } from '#server/training/list-trainings.ts';
import { createTraining } from '#server/training/create-training.ts';

export const GET = handle(ROUTES.listTrainings, async ({ auth, query }) =>
  json(await listTrainings({ user: auth.user, ...(query.programId && { programId: query.programId }) })),
);
export const POST = handle(ROUTES.createTraining, async ({ auth, body }) =>
  json(await createTraining({ user: auth.user, input: body }), { status: 201 }),
);
