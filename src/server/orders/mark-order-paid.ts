import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor, type OrderRef } from './transition-order.ts';

/**
 * Money received (pending|confirmed -> paid): the shop checked a transfer or took cash, or the Stripe
 * webhook saw a completed payment (actor kind 'stripe', details with the payment intent).
 */
export async function markOrderPaid(scope: ShopScope, opts: OrderRef & { actor: OrderActor; details?: Record<string, unknown> }) {
  return transitionOrder(scope, { ...opts, to: 'paid' });
}
