import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor } from './transition-order.ts';

/**
 * Cancel before fulfilment; reserved stock goes back on the shelf (and public pages may show it again).
 * The reason (and the merchant's words) stay on the cancel event, which the order's timeline shows.
 */
export async function cancelOrder(scope: ShopScope, opts: { orderId: string; actor: OrderActor; reason?: string; note?: string }) {
  const details = opts.reason ? { reason: opts.reason, ...(opts.note ? { note: opts.note } : {}) } : undefined;
  return transitionOrder(scope, { orderId: opts.orderId, to: 'cancelled', actor: opts.actor, details });
}
