import { ROUTES, errorSchema } from '#server/http/routes.ts';
import type { RouteDef } from '#server/http/api.ts';

/**
 * The API contract as the HTTP suite sees it: every JSON answer of a declared operation must match the
 * schema declared for its status (success: the route's `response`; 4xx/5xx: the error schema). The test
 * Client runs this on every response, so the whole HTTP suite exercises the declared response schemas.
 */
const OPERATIONS = (Object.entries(ROUTES) as [string, RouteDef][])
  .map(([id, def]) => ({
    id,
    def,
    pattern: new RegExp(`^${def.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    params: def.path.split('{').length,
    // A literal segment wins over a parameter (orders/pending-count before orders/{code}).
  }))
  .sort((a, b) => a.params - b.params);

export function operationFor(method: string, pathname: string) {
  const m = method.toLowerCase();
  return OPERATIONS.find((o) => o.def.method === m && o.pattern.test(pathname));
}

/** Null when the answer matches its declared schema (or is not a JSON answer of a declared operation), else why not. */
export function contractViolation(method: string, url: string, status: number, contentType: string | null, body: unknown): string | null {
  const { pathname } = new URL(url);
  const op = operationFor(method, pathname);
  if (!op || !contentType?.includes('application/json')) return null;
  const success = op.def.success ?? 200;
  const where = `${method.toUpperCase()} ${pathname} (${op.id}) answered ${status}`;
  let schema;
  if (status >= 400) schema = errorSchema;
  else if (status === success && op.def.response) schema = op.def.response;
  else return `${where} with JSON, which the route does not declare`;
  const r = schema.safeParse(body);
  if (!r.success) return `${where}, not matching its declared schema: ${JSON.stringify(r.error.issues.slice(0, 5))}`;
  // z.object drops keys it does not declare, so an answer that grew a field still parses: compare the two.
  const extra = undeclared(body, r.data, '$');
  return extra.length ? `${where} with fields its schema does not declare: ${extra.slice(0, 5).join(', ')}` : null;
}

function undeclared(sent: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((v, i) => undeclared(v, parsed[i], `${path}[${i}]`));
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return [];
  return Object.keys(sent).flatMap((k) => (k in parsed ? undeclared(sent[k], parsed[k], `${path}.${k}`) : [`${path}.${k}`]));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
