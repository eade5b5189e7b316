import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { signUp } from '#server/auth/sign-up.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '#server/auth/session.ts';

export const POST = handle(ROUTES.signUp, async ({ ctx, body }) => {
  const { userId, token, session } = await signUp(body);
  ctx.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
  return json({ userId, expiresAt: session.expiresAt }, { status: 201 });
});
