import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor } from './transition-order.ts';

/** Goods handed over or shipped (paid -> fulfilled). */
export async function fulfilOrder(scope: ShopScope, opts: { orderId: string; actor: OrderActor }) {
  return transitionOrder(scope, { orderId: opts.orderId, to: 'fulfilled', actor: opts.actor });
}
