import type { APIContext } from 'astro';
import { AppError, Invalid, storageFault, TooManyRequests } from '../errors.ts';
import { t, type Locale } from '#i18n/index.ts';

/** The one place that maps typed app errors to HTTP. Nothing else (stack, SQL, paths) reaches a client. */
export function errorBody(err: unknown, locale: Locale) {
  const fault = err instanceof AppError ? null : storageFault(err);
  if (fault) {
    console.error(`[storage] ${(err as Error).message}`);
    err = fault;
  }
  if (err instanceof AppError) {
    const body: { error: { code: string; message: string; fields?: Record<string, string[]> } } = {
      error: { code: err.code, message: t(locale, err.messageKey, err.params) },
    };
    if (err instanceof Invalid) {
      body.error.fields = Object.fromEntries(Object.entries(err.fields).map(([k, msgs]) => [k, msgs.map((m) => t(locale, m))]));
    }
    return { status: err.status, body };
  }
  console.error(err);
  return { status: 500, body: { error: { code: 'internal', message: t(locale, 'error.internal') } } };
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', headers.get('cache-control') ?? 'no-store');
  return new Response(JSON.stringify(data), { ...init, headers });
}

export function errorResponse(err: unknown, locale: Locale): Response {
  const { status, body } = errorBody(err, locale);
  const headers: Record<string, string> = {};
  const retry = err instanceof TooManyRequests ? err : storageFault(err);
  if (retry) headers['retry-after'] = String(retry.retryAfterSeconds);
  return json(body, { status, headers });
}

/** Wrap an API handler: errors become JSON in the caller's language. */
export function apiRoute(handler: (ctx: APIContext) => Promise<Response>) {
  return async (ctx: APIContext): Promise<Response> => {
    try {
      return await handler(ctx);
    } catch (err) {
      return errorResponse(err, ctx.locals.locale);
    }
  };
}
