import type { APIContext, MiddlewareNext } from 'astro';
import { CrossOrigin, PayloadTooLarge, TooManyRequests } from '../errors.ts';
import { ROUTES } from './routes.ts';
import { PAGE_ROUTES } from './page-routes.ts';
import { countRequest, type RateLimit } from './rate-limits.ts';
import { errorResponse } from './respond.ts';
import { DEFAULT_MAX_BODY_BYTES } from './body-limits.ts';

interface Declaration {
  api: boolean;
  maxBytes?: number;
  rateLimit?: RateLimit;
}

const API_DECLARATIONS = new Map<string, Declaration>(
  Object.values(ROUTES).map((r) => [
    `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, '[$1]')}`,
    { api: true, maxBytes: r.maxBytes, rateLimit: r.rateLimit },
  ]),
);

/** The declaration of the route a request reached: API routes by method and pattern, pages by pattern. */
export function routeDeclaration(method: string, routePattern: string): Declaration {
  if (routePattern.startsWith('/api/')) return API_DECLARATIONS.get(`${method.toUpperCase()} ${routePattern}`) ?? { api: true };
  return { api: false, ...PAGE_ROUTES[routePattern] };
}

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/**
 * An unsafe request that names another origin, or `null` (a sandboxed frame, a data: URL), came from another
 * site. Astro's own check (security.checkOrigin) refuses that only for form-like bodies and for requests
 * without any type; this refuses every body type, so no route depends on the browser's CORS preflight.
 * A request without Origin is not a browser's (browsers send it on every POST, PUT, PATCH and DELETE) and
 * carries a type Astro's check let through (JSON: Stripe's webhook, scripts).
 */
export function crossOrigin(ctx: APIContext): boolean {
  if (!hasBody(ctx.request.method)) return false;
  const origin = ctx.request.headers.get('origin');
  return origin !== null && origin !== ctx.url.origin;
}

/**
 * Middleware step, before any route code: refuses a request from another site (crossOrigin), counts the route's declared rate limit and refuses a body whose
 * declared length is over the route's cap. An API request is answered here (JSON 413/429); a page gets the
 * refusal when it reads its form (readForm), so the form re-renders with the message in the user's language.
 */
export async function guardRequest(ctx: APIContext, next: MiddlewareNext): Promise<Response | null> {
  const method = ctx.request.method;
  // A NUL in a query parameter means nothing to any page, and PostgreSQL text cannot hold one (a page that
  // searched with it answered 500 there): it is dropped before any route reads the URL.
  if (ctx.url.search.includes('%00')) ctx.url.search = ctx.url.search.replaceAll('%00', '');
  const decl = routeDeclaration(method, ctx.routePattern);
  ctx.locals.bodyLimit = decl.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  ctx.locals.refusal = null;
  if (crossOrigin(ctx)) {
    ctx.locals.refusal = new CrossOrigin();
    if (decl.api) return errorResponse(ctx.locals.refusal, ctx.locals.locale);
    // Answered here even when the page would not read its form: nothing of another site's post reaches a page.
    return await next(new Request(new URL(`/403${ctx.url.search}`, ctx.url), { headers: ctx.request.headers }));
  }
  if (decl.rateLimit && (decl.api || method === 'POST')) {
    const userId = decl.rateLimit.per === 'user' ? (await ctx.locals.auth())?.user.id : null;
    try {
      await countRequest(decl.rateLimit, { ip: ctx.locals.clientIp, userId });
    } catch (err) {
      if (!(err instanceof TooManyRequests)) throw err;
      ctx.locals.refusal = err;
    }
  }
  if (!ctx.locals.refusal && hasBody(method) && Number(ctx.request.headers.get('content-length') ?? 0) > ctx.locals.bodyLimit) {
    ctx.locals.refusal = new PayloadTooLarge();
  }
  return ctx.locals.refusal && decl.api ? errorResponse(ctx.locals.refusal, ctx.locals.locale) : null;
}
