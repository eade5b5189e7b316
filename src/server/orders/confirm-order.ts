import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor } from './transition-order.ts';

/** The shop accepts the order (pending -> confirmed); it no longer expires. */
export async function confirmOrder(scope: ShopScope, opts: { orderId: string; actor: OrderActor }) {
  return transitionOrder(scope, { orderId: opts.orderId, to: 'confirmed', actor: opts.actor });
}
