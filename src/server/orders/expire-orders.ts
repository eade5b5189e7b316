import { NotFound } from '../errors.ts';
import { currentTime } from '../clock.ts';
import { inShop, type ShopScope } from '../tenant/index.ts';
import { pendingOrdersPastExpiry } from '../tenant/cross-shop.ts';
import { transitionOrder } from './transition-order.ts';

/**
 * A pending order the shop never confirmed expires at `expires_at` (ORDER_EXPIRY_HOURS after placing):
 * status expired, stock released, an `expired` event by the system. Checked again inside the shop's
 * transaction, so a confirmation that lands at the same moment wins.
 */
export async function expireOrderIfDue(scope: ShopScope, orderId: string, now: Date = currentTime()): Promise<boolean> {
  const { tx, shopId } = scope;
  const o = await tx
    .selectFrom('orders')
    .select(['status', 'expires_at'])
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!o || o.status !== 'pending' || !o.expires_at || Date.parse(o.expires_at) > now.getTime()) return false;
  const r = await transitionOrder(scope, { orderId, to: 'expired', actor: { kind: 'system' }, details: { expiresAt: o.expires_at } });
  return r.changed;
}

/** The sweep: every shop's pending orders past expiry, one shop transaction per order. Returns how many expired. */
export async function expireOrders(opts: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? currentTime();
  const due = await pendingOrdersPastExpiry(now.toISOString(), opts.limit ?? 500);
  let expired = 0;
  for (const o of due) {
    if (await inShop(o.shop_id, (scope) => expireOrderIfDue(scope, o.id, now))) expired++;
  }
  return expired;
}

/** The id of the shop's order with this code (else 404), after expiring it if its time ran out, so a caller sees its status now. */
export async function currentOrderIdByCode(scope: ShopScope, code: string): Promise<string> {
  const found = await scope.tx
    .selectFrom('orders')
    .select('id')
    .where('shop_id', '=', scope.shopId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!found) throw new NotFound('orders.notFound');
  await expireOrderIfDue(scope, found.id);
  return found.id;
}
