import { db } from '../db/index.ts';
import { TooManyRequests } from '../errors.ts';
import { addSeconds, nowIso } from '../util.ts';

/**
 * Rate-limit state lives in the database so that it holds across several app servers.
 * Two shapes: a fixed window counter (per IP, generous: village carriers put many people behind one
 * address) and a per-account failure count with growing back-off.
 */

/** Count one hit in a fixed window; throws TooManyRequests when the window already holds `limit` hits. */
export async function hitWindow(key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = new Date();
  await db().transaction().execute(async (tx) => {
    const row = await tx.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
    const windowOpen = row && Date.parse(row.window_start) + windowSeconds * 1000 > now.getTime();
    if (windowOpen && row.count >= limit) {
      const retry = Math.ceil((Date.parse(row.window_start) + windowSeconds * 1000 - now.getTime()) / 1000);
      throw new TooManyRequests(Math.max(retry, 1));
    }
    if (!row) {
      await tx.insertInto('rate_limits').values({ key, count: 1, window_start: now.toISOString(), blocked_until: null })
        .onConflict((oc) => oc.column('key').doUpdateSet({ count: 1, window_start: now.toISOString() }))
        .execute();
    } else if (windowOpen) {
      await tx.updateTable('rate_limits').set({ count: row.count + 1 }).where('key', '=', key).execute();
    } else {
      await tx.updateTable('rate_limits').set({ count: 1, window_start: now.toISOString() }).where('key', '=', key).execute();
    }
  });
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

/** Back-off after the n-th failure: none for the first five, then 30 s, 60 s, 120 s … up to 15 minutes. */
export function backoffSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(30 * 2 ** (failures - FREE_FAILURES), MAX_BACKOFF_SECONDS);
}

export async function recordFailure(key: string): Promise<number> {
  return db().transaction().execute(async (tx) => {
    const row = await tx.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
    const failures = (row?.count ?? 0) + 1;
    const wait = backoffSeconds(failures);
    const blocked = wait > 0 ? addSeconds(new Date(), wait) : null;
    if (row) {
      await tx.updateTable('rate_limits').set({ count: failures, blocked_until: blocked }).where('key', '=', key).execute();
    } else {
      await tx.insertInto('rate_limits').values({ key, count: failures, window_start: nowIso(), blocked_until: blocked }).execute();
    }
    return wait;
  });
}

export async function clearFailures(key: string): Promise<void> {
  await db().deleteFrom('rate_limits').where('key', '=', key).execute();
}
