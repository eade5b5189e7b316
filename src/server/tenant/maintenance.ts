import { acrossShops } from './index.ts';

/**
 * Sweeps that act on every shop (order expiry).
 * Under PostgreSQL row-level security these run through acrossShops (see ./index.ts).
 */

/** Expiry sweep: pending orders of every shop whose expires_at has passed (oldest first). */
export async function pendingOrdersPastExpiry(nowIso: string, limit = 500) {
  return acrossShops(async (q) => {
    return q.selectFrom('orders').select(['shop_id', 'id'])
      .where('status', '=', 'pending').where('expires_at', '<=', nowIso)
      .orderBy('expires_at').limit(limit)
      .execute();
  });
}
