import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor, type OrderRef } from './transition-order.ts';

/** Goods handed over or shipped (paid -> fulfilled). */
export async function fulfilOrder(scope: ShopScope, opts: OrderRef & { actor: OrderActor }) {
  return transitionOrder(scope, { ...opts, to: 'fulfilled' });
}
