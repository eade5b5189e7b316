import { acrossShops } from './index.ts';

/**
 * Sweeps that act on every shop (order expiry).
 * Under PostgreSQL row-level security these run through acrossShops (see ./index.ts).
 */

/** Expiry sweep: pending orders of every shop whose expires_at has passed (oldest first). */
export async function pendingOrdersPastExpiry(nowIso: string, limit = 500) {
  return acrossShops(async (q) => {
    return q
      .selectFrom('orders')
      .select(['shop_id', 'id'])
      .where('status', '=', 'pending')
      .where('expires_at', '<=', nowIso)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  });
}

/** Shops that have a pending order whose stock hold has lapsed (src/server/orders/lapse-order-holds.ts). */
export async function ordersWithLapsedHolds(nowIso: string, limit = 500): Promise<string[]> {
  return acrossShops(async (q) => {
    const rows = await q
      .selectFrom('orders')
      .select('shop_id')
      .distinct()
      .where('stock_held', '=', 1)
      .where('hold_until', '<=', nowIso)
      .where('status', '=', 'pending')
      .limit(limit)
      .execute();
    return rows.map((r) => r.shop_id);
  });
}
