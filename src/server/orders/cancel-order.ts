import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor, type OrderRef } from './transition-order.ts';

/**
 * Cancel before fulfilment; reserved stock goes back on the shelf (and public pages may show it again).
 * The reason (and the merchant's words) stay on the cancel event, which the order's timeline shows.
 */
export async function cancelOrder(scope: ShopScope, opts: OrderRef & { actor: OrderActor; reason?: string; note?: string }) {
  const { reason, note, ...ref } = opts;
  const details = reason ? { reason, ...(note ? { note } : {}) } : undefined;
  return transitionOrder(scope, { ...ref, to: 'cancelled', details });
}
