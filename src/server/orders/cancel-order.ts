import type { ShopScope } from '../tenant/index.ts';
import { transitionOrder, type OrderActor } from './transition-order.ts';

/** Cancel before fulfilment; reserved stock goes back on the shelf (and public pages may show it again). */
export async function cancelOrder(scope: ShopScope, opts: { orderId: string; actor: OrderActor; reason?: string }) {
  const r = await transitionOrder(scope, {
    orderId: opts.orderId,
    to: 'cancelled',
    actor: opts.actor,
    details: opts.reason ? { reason: opts.reason } : undefined,
  });
  return r;
}
