import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { requestPasswordReset } from '#server/auth/request-password-reset.ts';

export const POST = handle(ROUTES.requestPasswordReset, async ({ ctx, body }) => {
  await requestPasswordReset({ email: body.email, locale: ctx.locals.locale, ip: ctx.locals.clientIp });
  return new Response(null, { status: 204 });
});
