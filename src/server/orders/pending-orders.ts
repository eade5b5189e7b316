import { inShop } from '../tenant/index.ts';

/**
 * The dashboard's "new orders" signal: how many orders wait for the shop, and the newest of them. Two
 * index lookups (orders_status: shop_id, status, created_at), cheap enough for every dashboard page and
 * for polling every 20 seconds.
 */
export async function pendingOrders(shopId: string): Promise<{ count: number; latest: { code: string; createdAt: string } | null }> {
  return inShop(shopId, async ({ tx }) => {
    const c = await tx
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shop_id', '=', shopId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const latest = await tx
      .selectFrom('orders')
      .select(['code', 'created_at'])
      .where('shop_id', '=', shopId)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return { count: Number(c.n), latest: latest ? { code: latest.code, createdAt: latest.created_at } : null };
  });
}
