import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { nowIso } from '../util.ts';
import { normalizeOrderCode } from './order-code.ts';
import { currentOrderIdByCode } from './expire-orders.ts';
import { orderStockLines, releaseStock, takeStock } from './order-stock.ts';
import { reserveOrderStock } from '../ledger/inventory.ts';
import { recordOrderEvent } from './transition-order.ts';
import type { AdjustOrderInput } from './schemas.ts';

/**
 * Before confirming, the shop settles what the customer pays: a delivery fee, a discount (Potongan
 * Penjualan at delivery) and the quantities of the lines (0 takes a line out). Only a pending order not paid by card;
 * held stock is released and taken again at the new quantities in the same transaction, so a quantity
 * beyond the shelf is refused (409, nothing written). The change is an order event with before and after.
 */
export async function adjustOrder(opts: { shopId: string; code: string; userId: string; role: ShopRole; input: AdjustOrderInput }) {
  requireCapability(opts.role, 'orders.manage');
  const code = normalizeOrderCode(opts.code);
  if (!code) throw new NotFound('orders.notFound');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const found = { id: await currentOrderIdByCode(scope, code) };
    const o = await tx
      .selectFrom('orders')
      .select(['id', 'status', 'payment_method', 'stock_held', 'subtotal', 'delivery_fee', 'discount', 'total'])
      .where('shop_id', '=', shopId)
      .where('id', '=', found.id)
      .executeTakeFirstOrThrow();
    if (o.status !== 'pending') throw new Conflict('desk.onlyPending');
    // A card order's amount is fixed in its Stripe Checkout Session.
    if (o.payment_method === 'card') throw new Conflict('desk.cardFixed');
    const lines = await tx
      .selectFrom('order_lines')
      .select(['line_no', 'quantity', 'unit_price'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', o.id)
      .execute();
    const wanted = new Map<number, number>();
    for (const [no, qty] of Object.entries(opts.input.quantities ?? {})) {
      const line = lines.find((l) => l.line_no === Number(no));
      if (!line) throw new Invalid({ [`quantities.${no}`]: ['validation.invalid'] });
      if (qty !== line.quantity) wanted.set(line.line_no, qty);
    }
    const kept = lines.map((l) => ({ ...l, quantity: wanted.get(l.line_no) ?? l.quantity }));
    if (kept.every((l) => l.quantity === 0)) throw new Invalid({ quantities: ['desk.keepOneLine'] }, 'desk.keepOneLine');
    const subtotal = kept.reduce((s, l) => s + l.quantity * Number(l.unit_price), 0);
    const deliveryFee = opts.input.deliveryFee ?? Number(o.delivery_fee);
    const discount = opts.input.discount ?? Number(o.discount);
    if (discount > subtotal + deliveryFee) throw new Invalid({ discount: ['desk.discountTooBig'] }, 'desk.discountTooBig');

    let stockChanged = false;
    if (wanted.size && o.stock_held) stockChanged = await releaseStock(scope, o.id);
    for (const [lineNo, qty] of wanted) {
      if (qty === 0)
        await tx
          .deleteFrom('order_lines')
          .where('shop_id', '=', shopId)
          .where('order_id', '=', o.id)
          .where('line_no', '=', lineNo)
          .execute();
      else
        await tx
          .updateTable('order_lines')
          .set((eb) => ({ quantity: qty, line_total: eb('unit_price', '*', qty) }))
          .where('shop_id', '=', shopId)
          .where('order_id', '=', o.id)
          .where('line_no', '=', lineNo)
          .execute();
    }
    if (wanted.size && o.stock_held) {
      const taken = await takeStock(scope, await orderStockLines(scope, o.id), { guard: true });
      if (taken.short) throw new Conflict('orders.stockShortOnAccept', taken.short);
      if (taken.tracked) await reserveOrderStock(scope, o.id);
      stockChanged ||= taken.tracked;
    }
    const total = subtotal + deliveryFee - discount;
    await tx
      .updateTable('orders')
      .set({ subtotal, delivery_fee: deliveryFee, discount, total, updated_at: nowIso() })
      .where('shop_id', '=', shopId)
      .where('id', '=', o.id)
      .execute();
    if (stockChanged) await bumpShopVersion(scope);
    await recordOrderEvent(scope, {
      orderId: o.id,
      type: 'adjusted',
      actor: { kind: 'user', userId: opts.userId },
      details: {
        before: { subtotal: Number(o.subtotal), deliveryFee: Number(o.delivery_fee), discount: Number(o.discount), total: Number(o.total) },
        after: { subtotal, deliveryFee, discount, total },
        quantities: Object.fromEntries(wanted),
      },
    });
    return { code, subtotal, deliveryFee, discount, total };
  });
}
