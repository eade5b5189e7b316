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
 * Every JSON API route is declared here once: method, path, who may call it, its body and query schemas
 * and the schema of its success response. The handler parses with the same schemas, and
 * /api/v1/openapi.json is generated from these declarations, so the document cannot drift from what the
 * routes accept; tests check every JSON answer against its declared response schema.
 */
export type Access =
  { kind: 'public' } | { kind: 'signedIn' } | { kind: 'shop'; capability: Capability } | { kind: 'program'; capability: Capability };

/** A query string: an object of optional or required strings (coerced by the schema where needed). */
export type QuerySchema = z.ZodObject<Record<string, z.ZodType>>;

export interface RouteDef<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends QuerySchema | undefined = QuerySchema | undefined,
  A extends Access = Access,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  access: A;
  body?: B;
  tag: string;
  /** Status answered on success; the document lists it with the error statuses. */
  success?: number;
  /** Query parameters, parsed before the handler runs (a bad value: 400 in the caller's language). */
  query?: Q;
  /** The JSON body of the success answer. Absent only for 204 and for binary answers (`binary`). */
  response?: R;
  /** A binary success answer (a file download): its media types. */
  binary?: string[];
  /** A multipart/form-data upload (instead of a JSON body): the file field, and any text fields beside it. */
  upload?: { file: string; description: string; fields?: Record<string, string> };
  /** A limit from RATE_LIMITS, counted by the middleware before sign-in and before the body is read. */
  rateLimit?: RateLimit;
  /** Largest accepted request body (default 64 KB); the middleware and readBody refuse more with 413. */
  maxBytes?: number;
}

export function defineRoute<
  A extends Access,
  B extends z.ZodType | undefined = undefined,
  Q extends QuerySchema | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(def: RouteDef<B, Q, A, R>): RouteDef<B, Q, A, R> {
  return def;
}

/** The JSON a route answers on success (for browser code and tests). */
export type ResponseOf<D> =
  D extends RouteDef<z.ZodType | undefined, QuerySchema | undefined, Access, infer R> ? (R extends z.ZodType ? z.output<R> : never) : never;

export interface SignedIn {
  user: SessionUser;
  session: Session;
}
export type ProgramAccess = Awaited<ReturnType<typeof requireProgramAccess>>;

/** What the handler knows about the caller, by the route's access kind: no `!` needed. */
export type AccessContext<A extends Access> = A extends { kind: 'shop' }
  ? { auth: SignedIn; shop: ShopAccess }
  : A extends { kind: 'program' }
    ? { auth: SignedIn; program: ProgramAccess }
    : A extends { kind: 'signedIn' }
      ? { auth: SignedIn }
      : { auth: SignedIn | null };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type HandlerContext<B, Q, A extends Access> = { ctx: APIContext; body: Out<B>; query: Out<Q> } & AccessContext<A>;

/** Query parameters as an object; an empty value counts as absent, a repeated name keeps its first value. */
function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== '' && !(k in out)) out[k] = v;
  return out;
}

/** Guard order everywhere: rate limit and body cap (middleware, guard-request.ts), sign-in, permission, parse, act. */
export function handle<
  B extends z.ZodType | undefined,
  Q extends QuerySchema | undefined,
  A extends Access,
  R extends z.ZodType | undefined,
>(def: RouteDef<B, Q, A, R>, fn: (c: HandlerContext<B, Q, A>) => Promise<Response>) {
  return apiRoute(async (ctx) => {
    const auth = await ctx.locals.auth();
    const access: Access = def.access;
    const who: Record<string, unknown> = { auth };
    if (access.kind !== 'public' && !auth) throw new Unauthorized();
    if (access.kind === 'shop') who.shop = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', access.capability);
    if (access.kind === 'program') who.program = await requireProgramAccess(auth?.user ?? null, access.capability);
    const query = def.query ? parseInput(def.query, queryObject(ctx.url), ctx.locals.locale) : undefined;
    const body = def.body ? parseInput(def.body, await readJsonBody(ctx), ctx.locals.locale) : undefined;
    return fn({ ctx, body, query, ...who } as HandlerContext<B, Q, A>);
  });
}
