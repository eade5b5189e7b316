import { defineMiddleware } from 'astro:middleware';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from './server/auth/session.ts';
import { clientIp } from './server/http/client-ip.ts';
import { requestLocale } from './server/http/locale.ts';
import { errorResponse } from './server/http/respond.ts';
import { cachePlan, compressResponse, lookupPage, storePage, type CacheSlot } from './server/storefront/page-cache.ts';
import { startOrderExpiryTimer } from './server/orders/expiry-timer.ts';
import { securityHeaders as secure, withContentSecurityPolicy } from './server/http/security-headers.ts';

export const onRequest = defineMiddleware(async (ctx, next) => {
  // Once per process, on the first request (a no-op afterwards).
  startOrderExpiryTimer();
  ctx.locals.locale = requestLocale(ctx.cookies, ctx.url);

  // Public catalog pages: a cached copy is answered here, before the session or any rendering
  // (src/server/storefront/page-cache.ts explains the key and the invalidation).
  let slot: CacheSlot | null = null;
  const method = ctx.request.method;
  const plan = method === 'GET' || method === 'HEAD' ? cachePlan(ctx.url) : null;
  if (plan) {
    const found = await lookupPage(plan, ctx.locals.locale, ctx.request);
    if (found instanceof Response) return secure(found);
    // HEAD is answered from the cache when it can be, but never fills it.
    if (found && method === 'GET') slot = found;
    else found?.done(null);
  }

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
    response = await withContentSecurityPolicy(await next());
  } catch (err) {
    slot?.done(null);
    // Last resort: an error no route handled. API callers get JSON, people get a plain page; never a stack.
    if (ctx.url.pathname.startsWith('/api/')) return errorResponse(err, ctx.locals.locale);
    console.error(err);
    return secure(await withContentSecurityPolicy(await ctx.rewrite('/500')));
  }
  if (slot) {
    const stored = await storePage(slot, response, ctx.request, !ctx.cookies.headers().next().done);
    if (stored) return secure(stored);
  }
  return secure(await compressResponse(response, ctx.request));
});
