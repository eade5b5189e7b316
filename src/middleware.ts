import { defineMiddleware } from 'astro:middleware';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from './server/auth/session.ts';
import { clientIp } from './server/http/client-ip.ts';
import { requestLocale } from './server/http/locale.ts';
import { errorResponse } from './server/http/respond.ts';
import { startOrderExpiryTimer } from './server/orders/expiry-timer.ts';

export const onRequest = defineMiddleware(async (ctx, next) => {
  // Once per process, on the first request (a no-op afterwards).
  startOrderExpiryTimer();
  ctx.locals.locale = requestLocale(ctx.cookies, ctx.url);
  let socket: string | undefined;
  try { socket = ctx.clientAddress; } catch { socket = undefined; }
  ctx.locals.clientIp = clientIp(ctx.request.headers, socket);

  let memo: ReturnType<App.Locals['auth']> | undefined;
  ctx.locals.auth = () => {
    memo ??= (async () => {
      const token = ctx.cookies.get(SESSION_COOKIE)?.value;
      if (!token) return null;
      const result = await validateSessionToken(token);
      if (!result) {
        ctx.cookies.delete(SESSION_COOKIE, { path: '/' });
        return null;
      }
      ctx.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(result.session.expiresAt));
      return result;
    })();
    return memo;
  };

  let response: Response;
  try {
    response = await next();
  } catch (err) {
    // Last resort: an error no route handled. API callers get JSON, people get a plain page; never a stack.
    if (ctx.url.pathname.startsWith('/api/')) return errorResponse(err, ctx.locals.locale);
    console.error(err);
    return ctx.rewrite('/500');
  }
  response.headers.set('x-content-type-options', 'nosniff');
  // Pages holding a secret in their URL (order status) set no-referrer themselves.
  if (!response.headers.has('referrer-policy')) response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
  return response;
});
