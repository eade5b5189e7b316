import { z } from 'zod';
import { ROUTES, errorSchema } from './routes.ts';
import type { RouteDef } from './api.ts';
import { CAPABILITIES } from '../auth/access.ts';
import { config } from '../config.ts';
import { DEFAULT_MAX_BODY_BYTES } from './body-limits.ts';

/** Request schemas as the caller sends them (io: input), response schemas as the server answers (io: output). */
function schemaOf(s: z.ZodType, io: 'input' | 'output' = 'input') {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function queryParams(def: RouteDef) {
  if (!def.query) return [];
  const s = schemaOf(def.query) as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    required: s.required?.includes(name) ?? false,
    schema,
    description,
  }));
}

function successResponse(def: RouteDef) {
  const status = def.success ?? 200;
  if (def.response) return { description: 'Success', content: { 'application/json': { schema: schemaOf(def.response, 'output') } } };
  if (def.binary)
    return {
      description: 'The file',
      content: Object.fromEntries(def.binary.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
    };
  return { description: status === 204 ? 'Done (no content)' : 'Success' };
}

/** OpenAPI 3.1, generated from the route declarations and their zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const [operationId, def] of Object.entries(ROUTES) as [string, RouteDef][]) {
    const params: Record<string, unknown>[] = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
      description: m[1] === 'shop' ? 'Shop slug' : undefined,
    }));
    params.push(...queryParams(def));
    const responses: Record<string, unknown> = {
      [String(def.success ?? 200)]: successResponse(def),
      '400': {
        description: "Invalid input; field-level messages in the caller's language",
        content: { 'application/json': { schema: errorRef } },
      },
      '404': { description: 'Not found, or not yours', content: { 'application/json': { schema: errorRef } } },
      '429': {
        description: def.rateLimit
          ? `Too many requests: at most ${def.rateLimit.limit} per ${def.rateLimit.windowSeconds / 60} min per ${def.rateLimit.per ?? 'ip'} (Retry-After)`
          : 'Too many requests',
        content: { 'application/json': { schema: errorRef } },
      },
    };
    if (def.method !== 'get' && def.method !== 'delete') {
      const cap = def.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
      responses['413'] = {
        description: `Request body over ${Math.round(cap / 1024)} KB (streamed cap; the connection is closed)`,
        content: { 'application/json': { schema: errorRef } },
      };
      responses['503'] = {
        description: 'The server cannot write now (disk full or read-only); nothing was saved, send it again later (Retry-After)',
        content: { 'application/json': { schema: errorRef } },
      };
    }
    if (def.access.kind !== 'public')
      responses['401'] = { description: 'Sign-in required', content: { 'application/json': { schema: errorRef } } };
    if (def.access.kind === 'shop')
      responses['403'] = { description: 'Your role in this shop may not do this', content: { 'application/json': { schema: errorRef } } };
    const op: Record<string, unknown> = {
      operationId,
      summary: def.summary,
      tags: [def.tag],
      parameters: params,
      responses,
      'x-access':
        def.access.kind === 'shop' || def.access.kind === 'program'
          ? { kind: def.access.kind, capability: def.access.capability, roles: CAPABILITIES[def.access.capability].roles }
          : { kind: def.access.kind },
    };
    if (def.access.kind !== 'public') op.security = [{ sessionCookie: [] }];
    if (def.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(def.body) } } };
    if (def.upload) {
      const properties: Record<string, unknown> = {
        [def.upload.file]: { type: 'array', items: { type: 'string', format: 'binary' }, description: def.upload.description },
      };
      for (const [name, description] of Object.entries(def.upload.fields ?? {})) properties[name] = { type: 'string', description };
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: [def.upload.file], properties } } },
      };
    }
    (paths[def.path] ??= {})[def.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Etalase API',
      version: '1',
      description: 'Storefront, branding and sales ledger for village micro-businesses. Messages follow the `lang` cookie (id, en).',
    },
    servers: [{ url: config().publicUrl }],
    paths,
    components: {
      schemas: { Error: schemaOf(errorSchema) },
      securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: 'etalase_session' } },
    },
  };
}
