import { currentTime } from '../clock.ts';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { ordersWithLapsedHolds } from '../tenant/cross-shop.ts';
import { releaseStock } from './order-stock.ts';
import { recordOrderEvent } from './transition-order.ts';
import { prepared } from '../db/prepared.ts';

/**
 * An unconfirmed public order holds its stock only until `hold_until` (ORDER_HOLD_MINUTES after placing,
 * a card order for the life of its Checkout Session). Then the stock goes back on sale while the order
 * stays pending: the shop can still accept it, and accepting takes the stock again (transitionOrder).
 * Lapses every due hold of the shop in the caller's transaction and bumps the shop version when stock
 * came back, so cached public pages show it. Returns how many holds lapsed.
 */
export async function lapseOrderHolds(scope: ShopScope, now: Date = currentTime()): Promise<number> {
  const { tx, shopId } = scope;
  const due = await lapsedHolds.all(tx, shopId, now.toISOString());
  let released = false;
  let lapsed = 0;
  for (const o of due) {
    const res = await tx
      .updateTable('orders')
      .set({ stock_held: 0 })
      .where('shop_id', '=', shopId)
      .where('id', '=', o.id)
      .where('stock_held', '=', 1)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) continue;
    if (await releaseStock(scope, o.id)) released = true;
    await recordOrderEvent(scope, { orderId: o.id, type: 'hold_lapsed', actor: { kind: 'system' }, details: { holdUntil: o.hold_until } });
    lapsed++;
  }
  if (released) await bumpShopVersion(scope);
  return lapsed;
}

const lapsedHolds = prepared((q, shopId: string, now: string) =>
  q
    .selectFrom('orders')
    .select(['id', 'hold_until'])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'pending')
    .where('stock_held', '=', 1)
    .where('hold_until', '<=', now),
);

/** The sweep (run by the order timer): every shop with a lapsed hold, one shop transaction each. */
export async function lapseDueOrderHolds(now: Date = currentTime()): Promise<number> {
  let lapsed = 0;
  for (const shopId of await ordersWithLapsedHolds(now.toISOString(), 500)) {
    lapsed += await inShop(shopId, (scope) => lapseOrderHolds(scope, now));
  }
  return lapsed;
}
