import { inShop, type ShopScope } from '../tenant/index.ts';
import { NotFound } from '../errors.ts';
import type { OrderStatus, ShopRole } from '../db/schema.ts';
import { requireCapability } from '../auth/access.ts';
import type { OrderActor, OrderRef } from './transition-order.ts';
import { normalizeOrderCode } from './order-code.ts';
import { confirmOrder } from './confirm-order.ts';
import { markOrderPaid } from './mark-order-paid.ts';
import { fulfilOrder } from './fulfil-order.ts';
import { cancelOrder } from './cancel-order.ts';
import type { MerchantTarget } from './lifecycle.ts';
import type { CancelReason } from './schemas.ts';

/** The domain function of each status a merchant moves an order to; run in the caller's shop transaction. */
export const BY_TARGET: Record<
  MerchantTarget,
  (
    scope: ShopScope,
    o: OrderRef & { actor: OrderActor; reason?: string; note?: string },
  ) => Promise<{ changed: boolean; from: OrderStatus }>
> = {
  confirmed: confirmOrder,
  paid: markOrderPaid,
  fulfilled: fulfilOrder,
  cancelled: cancelOrder,
};

/** Dashboard and API entry: find the order by code in this shop and apply the matching domain function. */
export async function changeOrderStatus(opts: {
  shopId: string;
  code: string;
  to: MerchantTarget;
  userId: string;
  role: ShopRole;
  /** Cancelling only: why, kept on the event. */
  reason?: CancelReason;
  note?: string;
}) {
  requireCapability(opts.role, 'orders.manage');
  const code = normalizeOrderCode(opts.code);
  if (!code) throw new NotFound('orders.notFound');
  // By code: the transition's one read of the order finds it (another shop's code is not found).
  return inShop(opts.shopId, async (scope) => {
    const r = await BY_TARGET[opts.to](scope, { code, actor: { kind: 'user', userId: opts.userId }, reason: opts.reason, note: opts.note });
    return { code, status: opts.to as OrderStatus, changed: r.changed, from: r.from };
  });
}
