import type { MiddlewareHandler } from 'astro';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from '#server/auth/session.ts';
import { PayloadTooLarge, storageFault } from '#server/errors.ts';
import { startOrderExpiryTimer } from '#server/orders/expiry-timer.ts';
import { cachePlan, compressResponse, lookupPage, storePage, type CacheSlot } from '#server/storefront/page-cache.ts';
import { clientIp } from '../client-ip.ts';
import { guardRequest } from '../guard-request.ts';
import { requestLocale } from '../locale.ts';
import { errorResponse } from '../respond.ts';
import { securityHeaders as applySecurityHeaders, withContentSecurityPolicy } from '../security-headers.ts';

/**
 * The steps of src/middleware.ts, outermost first. Each does one thing and can be run alone
 * (tests/unit/middleware-steps.test.ts).
 */

/** Background work that starts with the first request (a no-op afterwards). */
export const timers: MiddlewareHandler = (_ctx, next) => {
  startOrderExpiryTimer();
  return next();
};

export const locale: MiddlewareHandler = (ctx, next) => {
  ctx.locals.locale = requestLocale(ctx.cookies, ctx.url);
  return next();
};

/** The one place response security headers are set, on every response (cached, refused, failed). */
export const securityHeaders: MiddlewareHandler = async (_ctx, next) => applySecurityHeaders(await next());

/**
 * The Content-Security-Policy of a freshly rendered response, from its own bytes (src/server/http/security-headers.ts);
 * it sits inside the page cache so a stored page keeps the policy that matches it.
 */
export const contentSecurityPolicy: MiddlewareHandler = async (_ctx, next) => withContentSecurityPolicy(await next());

/** Responses not answered from the page cache travel compressed (the cache stores its own encodings). */
export const compression: MiddlewareHandler = async (ctx, next) => {
  const response = await next();
  return response.headers.has('x-cache') ? response : await compressResponse(response, ctx.request);
};

/**
 * Public catalog pages: a cached copy is answered here, before the session or any rendering; a miss is
 * rendered once and stored (src/server/storefront/page-cache.ts explains the key and the invalidation).
 */
export const pageCache: MiddlewareHandler = async (ctx, next) => {
  const method = ctx.request.method;
  const plan = method === 'GET' || method === 'HEAD' ? cachePlan(ctx.url) : null;
  if (!plan) return next();
  const found = await lookupPage(plan, ctx.locals.locale, ctx.request);
  if (found instanceof Response) return found;
  // HEAD is answered from the cache when it can be, but never fills it.
  let slot: CacheSlot | null = null;
  if (found && method === 'GET') slot = found;
  else found?.done(null);
  let response: Response;
  try {
    response = await next();
  } catch (err) {
    slot?.done(null);
    throw err;
  }
  if (!slot) return response;
  return (await storePage(slot, response, ctx.request, !ctx.cookies.headers().next().done)) ?? response;
};

export const clientAddress: MiddlewareHandler = (ctx, next) => {
  let socket: string | undefined;
  try {
    socket = ctx.clientAddress;
  } catch {
    socket = undefined;
  }
  ctx.locals.clientIp = clientIp(ctx.request.headers, socket);
  return next();
};

/** The session, looked up lazily (cached public pages never touch it) and at most once per request. */
export const auth: MiddlewareHandler = (ctx, next) => {
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
  return next();
};

/** Last resort: an error no route handled. API callers get JSON, people get a plain page; never a stack. */
export const routeErrors: MiddlewareHandler = async (ctx, next) => {
  try {
    return await next();
  } catch (err) {
    if (ctx.url.pathname.startsWith('/api/')) return errorResponse(err, ctx.locals.locale);
    const tooLarge = err instanceof PayloadTooLarge;
    const fault = storageFault(err);
    if (fault) console.error(`[storage] ${(err as Error).message}`);
    else if (!tooLarge) console.error(err);
    if (tooLarge) ctx.locals.tooLargeKey = err.messageKey;
    const page = tooLarge ? '/413' : fault ? '/503' : '/500';
    // A page whose body was read cannot be rewritten as itself: show the error page as a GET.
    return await ctx.rewrite(ctx.request.bodyUsed ? new Request(new URL(page, ctx.url), { headers: ctx.request.headers }) : page);
  }
};

/** The route's declared rate limit and body cap (src/server/http/guard-request.ts). */
export const requestGuard: MiddlewareHandler = async (ctx, next) => (await guardRequest(ctx)) ?? next();
