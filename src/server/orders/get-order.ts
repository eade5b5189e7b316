import { inShop } from '../tenant/index.ts';
import { NotFound } from '../errors.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { canTransition, MERCHANT_TARGETS } from './lifecycle.ts';
import { normalizeOrderCode } from './order-code.ts';
import { currentOrderIdByCode } from './expire-orders.ts';

/** One order as the shop sees it: lines, the event history with who acted, and the moves allowed now. */
export async function getOrder(opts: { shopId: string; code: string; role: ShopRole }) {
  requireCapability(opts.role, 'orders.manage');
  const code = normalizeOrderCode(opts.code);
  if (!code) throw new NotFound('orders.notFound');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const found = { id: await currentOrderIdByCode(scope, code) };
    const o = await tx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', found.id).executeTakeFirstOrThrow();
    const lines = await tx
      .selectFrom('order_lines')
      .select(['line_no', 'product_id', 'variant_id', 'name', 'variant_name', 'sku', 'unit_price', 'quantity', 'line_total'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', o.id)
      .orderBy('line_no')
      .execute();
    const events = await tx
      .selectFrom('order_events')
      .leftJoin('users', 'users.id', 'order_events.actor_user_id')
      .select([
        'order_events.id',
        'order_events.type',
        'order_events.from_status',
        'order_events.to_status',
        'order_events.actor_kind',
        'order_events.created_at',
        'order_events.details',
        'users.name as actor_name',
      ])
      .where('order_events.shop_id', '=', shopId)
      .where('order_events.order_id', '=', o.id)
      .orderBy('order_events.created_at')
      .orderBy('order_events.id')
      .execute();
    const { access_token_hash: _h, token_box: _b, idempotency_key: _k, ...order } = o;
    return {
      order: {
        ...order,
        subtotal: Number(o.subtotal),
        delivery_fee: Number(o.delivery_fee),
        discount: Number(o.discount),
        total: Number(o.total),
      },
      lines: lines.map((l) => ({ ...l, unit_price: Number(l.unit_price), line_total: Number(l.line_total) })),
      events,
      allowed: MERCHANT_TARGETS.filter((to) => canTransition(o.status, to, o.payment_method)),
    };
  });
}
