import { sql } from 'kysely';
import { config } from '../config.ts';
import { db } from '../db/index.ts';
import { TooManyRequests } from '../errors.ts';

/**
 * Rate-limit state lives in the database so that it holds across several app servers.
 * Two shapes: a fixed window counter (per IP, generous: village carriers put many people behind one
 * address) and a per-account attempt count with growing back-off.
 *
 * Each check-and-count is ONE statement (`INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING`), so parallel
 * requests cannot all read "not yet limited" before any of them writes, and concurrent first hits never
 * collide on the primary key.
 */

function secondsUntil(iso: string, now: number): number {
  return Math.max(Math.ceil((Date.parse(iso) - now) / 1000), 1);
}

/** Count one hit in a fixed window; throws TooManyRequests when the window already holds `limit` hits. */
export async function hitWindow(key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const open = sql<boolean>`rate_limits.window_start > ${new Date(now - windowSeconds * 1000).toISOString()}`;
  const counted = await db()
    .insertInto('rate_limits')
    .values({ key, count: 1, window_start: nowIso, blocked_until: null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          count: sql<number>`case when ${open} then rate_limits.count + 1 else 1 end`,
          window_start: sql<string>`case when ${open} then rate_limits.window_start else ${nowIso} end`,
        })
        .where(sql<boolean>`not (${open} and rate_limits.count >= ${limit})`),
    )
    .returning('count')
    .executeTakeFirst();
  if (counted) return;
  const row = await db().selectFrom('rate_limits').select('window_start').where('key', '=', key).executeTakeFirst();
  const end = new Date(Date.parse(row?.window_start ?? nowIso) + windowSeconds * 1000).toISOString();
  throw new TooManyRequests(secondsUntil(end, now));
}

/** Seconds until a full window frees up (0 when the window holds fewer than `limit` hits). */
export async function secondsLeftInWindow(key: string, limit: number, windowSeconds: number): Promise<number> {
  const row = await db().selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!row || row.count < limit) return 0;
  const left = Math.ceil((Date.parse(row.window_start) + windowSeconds * 1000 - Date.now()) / 1000);
  return left > 0 ? left : 0;
}

/** Seconds the key must still wait (0 when free). */
export async function secondsBlocked(key: string): Promise<number> {
  const row = await db().selectFrom('rate_limits').select('blocked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.blocked_until) return 0;
  const left = Math.ceil((Date.parse(row.blocked_until) - Date.now()) / 1000);
  return left > 0 ? left : 0;
}

export const FREE_FAILURES = 5;
const MAX_BACKOFF_SECONDS = 15 * 60;
const maxBackoff = () => Math.max(MAX_BACKOFF_SECONDS, config().passwordBackoffSeconds);

/**
 * Back-off after the n-th failure: none for the first four, then PASSWORD_BACKOFF_SECONDS (30 s), twice that,
 * four times … up to 15 minutes.
 */
export function backoffSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(config().passwordBackoffSeconds * 2 ** (failures - FREE_FAILURES), maxBackoff());
}

export type AttemptClaim = { allowed: true; backoff: number } | { allowed: false; wait: number };

/**
 * Claim one password attempt for `key` before the password is checked: unless the key is backing off,
 * the attempt is counted as a failure up front (a success clears it), and the back-off the count earns
 * starts at once. So of many parallel guesses only the first few ever reach the password hash.
 */
export async function claimAttempt(key: string): Promise<AttemptClaim> {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const until = (n: number) => new Date(now + backoffSeconds(n) * 1000).toISOString();
  const next = sql<number>`rate_limits.count + 1`;
  const steps = [];
  for (let n = FREE_FAILURES; backoffSeconds(n) < maxBackoff(); n++) steps.push(sql`when ${next} = ${n} then cast(${until(n)} as text)`);
  const blockedUntil = sql<
    string | null
  >`case when ${next} < ${FREE_FAILURES} then null ${sql.join(steps, sql` `)} else cast(${new Date(now + maxBackoff() * 1000).toISOString()} as text) end`;
  const claimed = await db()
    .insertInto('rate_limits')
    .values({ key, count: 1, window_start: nowIso, blocked_until: backoffSeconds(1) > 0 ? until(1) : null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count: next, blocked_until: blockedUntil })
        .where(sql<boolean>`rate_limits.blocked_until is null or rate_limits.blocked_until <= ${nowIso}`),
    )
    .returning(['count', 'blocked_until'])
    .executeTakeFirst();
  if (claimed) return { allowed: true, backoff: claimed.blocked_until ? secondsUntil(claimed.blocked_until, now) : 0 };
  return { allowed: false, wait: Math.max(await secondsBlocked(key), 1) };
}

export async function clearFailures(key: string): Promise<void> {
  await db().deleteFrom('rate_limits').where('key', '=', key).execute();
}
