import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { signIn } from '#server/auth/sign-in.ts';
import { SESSION_COOKIE, invalidateSession, sessionCookieOptions } from '#server/auth/session.ts';
import { listMyShops } from '#server/shops/list-my-shops.ts';

export const POST = handle(ROUTES.signIn, async ({ ctx, body }) => {
  const { userId, token, session, resetNotices } = await signIn({ ...body, ip: ctx.locals.clientIp, takeNotices: true });
  ctx.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
  return json({ userId, expiresAt: session.expiresAt, resetNotices }, { status: 201 });
});

export const GET = handle(ROUTES.currentSession, async ({ auth }) => {
  const { user, session } = auth;
  return json({ user, expiresAt: session.expiresAt, shops: await listMyShops(user.id) });
});

export const DELETE = handle(ROUTES.signOut, async ({ ctx, auth }) => {
  await invalidateSession(auth.session.id);
  ctx.cookies.delete(SESSION_COOKIE, { path: '/' });
  return new Response(null, { status: 204 });
});
