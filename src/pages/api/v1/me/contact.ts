import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { changeContact } from '#server/auth/change-contact.ts';

export const PUT = handle(ROUTES.changeContact, async ({ ctx, body, auth }) => {
  await changeContact({ userId: auth.user.id, input: body, ip: ctx.locals.clientIp });
  return new Response(null, { status: 204 });
});
