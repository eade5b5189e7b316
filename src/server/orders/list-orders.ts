import { inShop } from '../tenant/index.ts';
import type { OrderStatus } from '../db/schema.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed', 'paid', 'fulfilled', 'cancelled', 'expired'];

/** The shop's orders, newest first, optionally of one status; `before` (an ISO time) pages back. */
export async function listOrders(opts: { shopId: string; status?: OrderStatus | null; before?: string | null; limit?: number }) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    let q = tx
      .selectFrom('orders')
      .select([
        'code',
        'customer_name',
        'customer_phone',
        'total',
        'status',
        'channel',
        'payment_method',
        'delivery_method',
        'destination_code',
        'created_at',
        'expires_at',
      ])
      .where('shop_id', '=', shopId);
    if (opts.status) q = q.where('status', '=', opts.status);
    if (opts.before) q = q.where('created_at', '<', opts.before);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('code', 'desc')
      .limit(limit + 1)
      .execute();
    return {
      orders: rows.slice(0, limit).map((r) => ({ ...r, total: Number(r.total) })),
      nextBefore: rows.length > limit ? rows[limit - 1]!.created_at : null,
    };
  });
}
