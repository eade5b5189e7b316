import type { APIContext } from 'astro';
import { z } from 'zod';
import { Unauthorized } from '../errors.ts';
import { requireProgramAccess, requireShopAccess, type Capability, type ShopAccess } from '../auth/access.ts';
import type { Session, SessionUser } from '../auth/session.ts';
import { apiRoute } from './respond.ts';
import { readJsonBody } from './body.ts';
import type { RateLimit } from './rate-limits.ts';
import { parseInput } from './validate.ts';

/**
 * Every JSON API route is declared here once: method, path, who may call it and its body schema.
 * The handler parses with the same schema, and /api/v1/openapi.json is generated from these
 * declarations, so the document cannot drift from what the routes accept.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'shop'; capability: Capability }
  | { kind: 'program'; capability: Capability };

export interface RouteDef<B extends z.ZodType | undefined = z.ZodType | undefined> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  access: Access;
  body?: B;
  tag: string;
  /** Status answered on success; the document lists it with the error statuses. */
  success?: number;
  query?: Record<string, { description: string; required?: boolean }>;
  /** A multipart/form-data upload (instead of a JSON body): the file field, and any text fields beside it. */
  upload?: { file: string; description: string; fields?: Record<string, string> };
  /** A limit from RATE_LIMITS, counted by the middleware before sign-in and before the body is read. */
  rateLimit?: RateLimit;
  /** Largest accepted request body (default 64 KB); the middleware and readBody refuse more with 413. */
  maxBytes?: number;
}

export function defineRoute<B extends z.ZodType | undefined>(def: RouteDef<B>): RouteDef<B> {
  return def;
}

interface Ctx<B> {
  ctx: APIContext;
  body: B;
  auth: { user: SessionUser; session: Session } | null;
  shop: ShopAccess | null;
}

/** Guard order everywhere: rate limit and body cap (middleware, guard-request.ts), sign-in, permission, parse, act. */
export function handle<B extends z.ZodType | undefined>(
  def: RouteDef<B>,
  fn: (c: Ctx<B extends z.ZodType ? z.output<B> : undefined>) => Promise<Response>,
) {
  return apiRoute(async (ctx) => {
    const auth = def.access.kind === 'public' ? await ctx.locals.auth() : await ctx.locals.auth();
    let shop: ShopAccess | null = null;
    if (def.access.kind !== 'public' && !auth) throw new Unauthorized();
    if (def.access.kind === 'shop') shop = await requireShopAccess(auth!.user, ctx.params.shop ?? '', def.access.capability);
    if (def.access.kind === 'program') await requireProgramAccess(auth!.user, def.access.capability);
    const body = def.body ? parseInput(def.body, await readJsonBody(ctx), ctx.locals.locale) : undefined;
    return fn({ ctx, body: body as never, auth, shop });
  });
}
