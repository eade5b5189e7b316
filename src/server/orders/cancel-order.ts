import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor, type OrderRef } from './transition-order.ts';

/** Cancel before fulfilment; reserved stock goes back on the shelf (and public pages may show it again). */
export async function cancelOrder(scope: ShopScope, opts: OrderRef & { actor: OrderActor; reason?: string }) {
  const { reason, ...ref } = opts;
  const r = await transitionOrder(scope, { ...ref, to: 'cancelled', details: reason ? { reason } : undefined });
  return r;
}
