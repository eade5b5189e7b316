import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { recordBaseline } from '#server/program/record-baseline.ts';

export const PUT = handle(ROUTES.programBaseline, async ({ ctx, auth, body }) => {
  await recordBaseline({ userId: auth.user.id, programId: ctx.params.programId ?? '', shopId: ctx.params.shopId ?? '', input: body });
  return new Response(null, { status: 204 });
});
