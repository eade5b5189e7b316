import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { changePassword } from '#server/auth/change-password.ts';

export const POST = handle(ROUTES.changePassword, async ({ ctx, body, auth }) => {
  await changePassword({ userId: auth.user.id, sessionId: auth.session.id, ...body, ip: ctx.locals.clientIp });
  return new Response(null, { status: 204 });
});
