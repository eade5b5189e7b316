import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { deleteTraining } from '#server/training/delete-training.ts';
import { updateTraining } from '#server/training/update-training.ts';

export const PUT = handle(ROUTES.updateTraining, async ({ auth, body, ctx }) =>
  json(await updateTraining({ user: auth.user, trainingId: ctx.params.trainingId ?? '', input: body })),
);

export const DELETE = handle(ROUTES.deleteTraining, async ({ auth, ctx }) => {
  await deleteTraining({ user: auth.user, trainingId: ctx.params.trainingId ?? '' });
  return new Response(null, { status: 204 });
});
