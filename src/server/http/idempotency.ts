import type { APIContext } from 'astro';
import { Invalid } from '../errors.ts';
import { idempotencyKeyField } from '../orders/schemas.ts';
import { parseInput } from './validate.ts';

/**
 * The client's idempotency key of a write: the body's `idempotencyKey` or the Idempotency-Key header (the
 * convention of order creation). Writes that post to the ledger need one, so a missing key is a 400.
 */
export function requireIdempotencyKey(ctx: APIContext, bodyKey: string | undefined): string {
  if (bodyKey) return bodyKey;
  const header = ctx.request.headers.get('idempotency-key');
  if (!header) throw new Invalid({ idempotencyKey: ['validation.required'] });
  return parseInput(idempotencyKeyField, header, ctx.locals.locale);
}
