import { defineMiddleware } from 'astro:middleware';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from './server/auth/session.ts';
import { clientIp } from './server/http/client-ip.ts';
import { requestLocale } from './server/http/locale.ts';
import { errorResponse } from './server/http/respond.ts';
import { guardRequest } from './server/http/guard-request.ts';
import { PayloadTooLarge } from './server/errors.ts';
import { cachePlan, compressResponse, lookupPage, storePage, type CacheSlot } from './server/storefront/page-cache.ts';
import { startOrderExpiryTimer } from './server/orders/expiry-timer.ts';

function secure(response: Response): Response {
  // A refused body is never read to its end: close the connection instead of draining it for keep-alive.
  if (response.status === 413) response.headers.set('connection', 'close');
  response.headers.set('x-content-type-options', 'nosniff');
  // Pages holding a secret in their URL (order status) set no-referrer themselves.
  if (!response.headers.has('referrer-policy')) response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
  return response;
}

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
    // Declared rate limit and body cap of the route (src/server/http/guard-request.ts).
    const refused = await guardRequest(ctx);
    if (refused) return secure(refused);
    response = await next();
  } catch (err) {
    slot?.done(null);
    // Last resort: an error no route handled. API callers get JSON, people get a plain page; never a stack.
    if (ctx.url.pathname.startsWith('/api/')) return secure(errorResponse(err, ctx.locals.locale));
    // A page whose body was read cannot be rewritten as itself: show the error page as a GET.
    const page = err instanceof PayloadTooLarge ? '/413' : '/500';
    if (!(err instanceof PayloadTooLarge)) console.error(err);
    return secure(await ctx.rewrite(ctx.request.bodyUsed ? new Request(new URL(page, ctx.url), { headers: ctx.request.headers }) : page));
  }
  if (slot) {
    const stored = await storePage(slot, response, ctx.request, !ctx.cookies.headers().next().done);
    if (stored) return secure(stored);
  }
  return secure(await compressResponse(response, ctx.request));
});
