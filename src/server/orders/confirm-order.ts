import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor, type OrderRef } from './transition-order.ts';

/** The shop accepts the order (pending -> confirmed); it no longer expires. */
export async function confirmOrder(scope: ShopScope, opts: OrderRef & { actor: OrderActor }) {
  return transitionOrder(scope, { ...opts, to: 'confirmed' });
}
