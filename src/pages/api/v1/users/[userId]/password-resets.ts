import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { issuePasswordReset } from '#server/auth/issue-password-reset.ts';

export const POST = handle(ROUTES.issueReset, async ({ ctx, auth }) => {
  const r = await issuePasswordReset({
    issuer: auth.user,
    targetUserId: ctx.params.userId ?? '',
    locale: ctx.locals.locale,
    ip: ctx.locals.clientIp,
  });
  return json({ url: r.url, whatsappUrl: r.whatsappUrl }, { status: 201 });
});
