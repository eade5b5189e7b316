import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { recordAttendance } from '#server/training/record-attendance.ts';

export const PUT = handle(ROUTES.recordAttendance, async ({ auth, body, ctx }) =>
  json(await recordAttendance({ user: auth.user, trainingId: ctx.params.trainingId ?? '', shopIds: body.shopIds })),
);
