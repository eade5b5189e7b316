import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { deleteLicence } from '#server/program/delete-licence.ts';

export const DELETE = handle(ROUTES.deleteLicence, async ({ ctx, auth }) => {
  await deleteLicence({
    userId: auth.user.id,
    programId: ctx.params.programId ?? '',
    shopId: ctx.params.shopId ?? '',
    licenceId: ctx.params.licenceId ?? '',
  });
  return new Response(null, { status: 204 });
});
