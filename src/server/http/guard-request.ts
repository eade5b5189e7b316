import type { APIContext } from 'astro';
import { PayloadTooLarge, TooManyRequests } from '../errors.ts';
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
 * Middleware step, before any route code: counts the route's declared rate limit and refuses a body whose
 * declared length is over the route's cap. An API request is answered here (JSON 413/429); a page gets the
 * refusal when it reads its form (readForm), so the form re-renders with the message in the user's language.
 */
export async function guardRequest(ctx: APIContext): Promise<Response | null> {
  const method = ctx.request.method;
  // A NUL in a query parameter means nothing to any page, and PostgreSQL text cannot hold one (a page that
  // searched with it answered 500 there): it is dropped before any route reads the URL.
  if (ctx.url.search.includes('%00')) ctx.url.search = ctx.url.search.replaceAll('%00', '');
  const decl = routeDeclaration(method, ctx.routePattern);
  ctx.locals.bodyLimit = decl.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  ctx.locals.refusal = null;
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
