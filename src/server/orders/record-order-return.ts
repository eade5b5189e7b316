import { z } from 'zod';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { requireCapability, roleHas, type Role } from '../auth/access.ts';
import { newId, nowIso } from '../util.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { recordSalesReturn } from '../ledger/sales-totals.ts';
import { moneyAccount, refundedByStripe, returnedValue } from '../ledger/post-order-transition.ts';
import { changeItem, readItem, recordMovement } from '../ledger/inventory.ts';
import { MAX_LINES, MAX_QUANTITY } from './price-items.ts';
import { idempotencyKeyField } from './schemas.ts';
import { normalizeOrderCode } from './order-code.ts';
import { recordOrderEvent } from './transition-order.ts';

export const orderReturnInput = z.object({
  /** Lines and quantities coming back; absent = everything not returned yet. */
  lines: z
    .array(
      z.object({
        lineNo: z.number({ error: 'validation.choice' }).int().min(1).max(MAX_LINES),
        quantity: z
          .number({ error: 'cart.quantityInvalid' })
          .int({ error: 'cart.quantityInvalid' })
          .min(1, { error: 'cart.quantityInvalid' })
          .max(MAX_QUANTITY),
      }),
    )
    .min(1)
    .max(MAX_LINES)
    .optional(),
  reason: z.string().trim().min(1, { error: 'validation.required' }).max(300),
  /** The goods go back on the shelf (stock and Persediaan at the cost posted for the sale); false: damaged, written off in HPP. */
  restock: z.boolean().default(true),
  /** Where a refund is paid from; the order's own payment account by default. */
  refundFrom: z.enum(['cash', 'bank'], { error: 'validation.choice' }).optional(),
  idempotencyKey: idempotencyKeyField,
});
export type OrderReturnInput = z.output<typeof orderReturnInput>;

export interface OrderReturnResult {
  replayed: boolean;
  returnId: string;
  amount: number;
  /** Taken off the customer's open receivable (a sale on credit) before any money goes back. */
  fromReceivable: number;
  refunded: number;
  restocked: boolean;
  cost?: number;
}

/** A share of a line's total (or cost) for units first..first+q of qty, so the parts of a line add up exactly. */
function share(total: number, qty: number, upTo: number): number {
  return Math.round((total * upTo) / qty);
}

/**
 * A return after delivery, whole or per line, with who and why: Retur Penjualan for the goods' price,
 * taken off the order's open receivable first and refunded from Kas/Bank for the rest; goods back on the
 * shelf return to stock and Persediaan at the cost the sale posted to HPP (Persediaan / HPP). One entry
 * keyed by the request's key, in the same transaction as the return's rows and the order event.
 */
export async function recordOrderReturn(opts: {
  shopId: string;
  role: Role;
  userId: string;
  code: string;
  input: OrderReturnInput;
}): Promise<OrderReturnResult> {
  requireCapability(opts.role, 'orders.manage');
  const code = normalizeOrderCode(opts.code);
  if (!code) throw new NotFound('orders.notFound');
  const seeCost = roleHas(opts.role, 'products.cost');
  return inShop(opts.shopId, (scope) => applyOrderReturn(scope, { order: { code }, userId: opts.userId, input: opts.input, seeCost }));
}

/**
 * The return itself, in the caller's shop transaction: the use case above, and the marketplace import when
 * a newer export shows a delivered order returned. A marketplace order's refund is what the marketplace no
 * longer pays out (or takes back from a later payout): it comes off Piutang Marketplace unless told otherwise.
 */
export async function applyOrderReturn(
  scope: ShopScope,
  opts: { order: { code: string } | { id: string }; userId: string; input: OrderReturnInput; seeCost: boolean },
): Promise<OrderReturnResult> {
  const { seeCost } = opts;
  const { tx, shopId } = scope;
  const o = await tx
    .selectFrom('orders')
    .select(['id', 'code', 'status', 'payment_method', 'channel'])
    .where('shop_id', '=', shopId)
    .where((eb) => ('code' in opts.order ? eb('code', '=', opts.order.code) : eb('id', '=', opts.order.id)))
    .executeTakeFirst();
  if (!o) throw new NotFound('orders.notFound');
  const key = `order:${o.id}:return:${opts.input.idempotencyKey}`;
  const prior = await replay(scope, key, seeCost);
  if (prior) return prior;
  if (o.status !== 'fulfilled') throw new Conflict('sales.returnNotFulfilled');
  // The order row's lock orders this return and a Stripe refund webhook of the same order (it writes the
  // row before posting): each then sees what the other posted.
  await tx.updateTable('orders').set({ updated_at: nowIso() }).where('shop_id', '=', shopId).where('id', '=', o.id).execute();

  const lines = await tx
    .selectFrom('order_lines')
    .select(['line_no', 'product_id', 'variant_id', 'quantity', 'line_total'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', o.id)
    .orderBy('line_no')
    .execute();
  const back = await tx
    .selectFrom('order_return_lines')
    .select(['line_no', (eb) => eb.fn.sum<number>('quantity').as('q')])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', o.id)
    .groupBy('line_no')
    .execute();
  const returnedBefore = new Map(back.map((b) => [b.line_no, Number(b.q)]));
  const sold = await tx
    .selectFrom('stock_movements')
    .select(['line_no', 'gl_value'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', o.id)
    .where('kind', '=', 'sale')
    .execute();
  const saleCost = new Map(sold.map((m) => [m.line_no!, -Number(m.gl_value)]));

  const wanted =
    opts.input.lines ??
    lines.map((l) => ({ lineNo: l.line_no, quantity: l.quantity - (returnedBefore.get(l.line_no) ?? 0) })).filter((l) => l.quantity > 0);
  if (!wanted.length) throw new Conflict('sales.nothingToReturn');
  const seen = new Set<number>();
  const parts = wanted.map((w, i) => {
    const l = lines.find((x) => x.line_no === w.lineNo);
    if (!l || seen.has(w.lineNo)) throw new Invalid({ [`lines.${i}.lineNo`]: ['sales.returnLineUnknown'] });
    seen.add(w.lineNo);
    const before = returnedBefore.get(l.line_no) ?? 0;
    if (w.quantity > l.quantity - before)
      throw new Invalid({ [`lines.${i}.quantity`]: ['sales.returnTooMany'] }, 'sales.returnTooMany', { max: l.quantity - before });
    const total = Number(l.line_total);
    const cost = saleCost.get(l.line_no) ?? 0;
    return {
      l,
      quantity: w.quantity,
      amount: share(total, l.quantity, before + w.quantity) - share(total, l.quantity, before),
      cost: share(cost, l.quantity, before + w.quantity) - share(cost, l.quantity, before),
    };
  });
  const amount = parts.reduce((s, p) => s + p.amount, 0);
  // Money Stripe already refunded for this order beyond earlier returns was posted as Retur Penjualan by
  // the webhook: this return's goods are that refund's, so only the rest posts (once, not twice).
  const covered = Math.min(amount, Math.max(0, (await refundedByStripe(scope, o.id)) - (await returnedValue(scope, o.id))));
  const posted = amount - covered;
  const restock = opts.input.restock;
  const cost = restock ? parts.reduce((s, p) => s + p.cost, 0) : 0;
  const debt = await tx
    .selectFrom('ledger_debts')
    .select(['id', 'amount', 'settled', 'reduced'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', o.id)
    .where('kind', '=', 'receivable')
    .executeTakeFirst();
  const open = debt ? Number(debt.amount) - Number(debt.settled) - Number(debt.reduced) : 0;
  const fromReceivable = Math.min(open, posted);
  const refunded = posted - fromReceivable;
  const money = opts.input.refundFrom
    ? opts.input.refundFrom === 'cash'
      ? ACCOUNTS.cash
      : ACCOUNTS.bank
    : o.channel === 'marketplace'
      ? ACCOUNTS.marketplaceReceivable
      : moneyAccount(o.payment_method);

  const entry = await postEntry(scope, {
    key,
    source: { type: 'order', id: o.id },
    memo: `${o.code} retur: ${opts.input.reason.slice(0, 150)}`,
    createdBy: opts.userId,
    lines: [
      { account: ACCOUNTS.salesReturns, amount: posted },
      { account: ACCOUNTS.receivable, amount: -fromReceivable },
      { account: money, amount: -refunded },
      { account: ACCOUNTS.inventory, amount: cost },
      { account: ACCOUNTS.cogs, amount: -cost },
    ],
  });
  if (!entry.posted) return (await replay(scope, key, seeCost))!;
  if (posted > 0) await recordSalesReturn(scope, { orderId: o.id, day: entry.day, amount: posted });
  const returnId = newId();
  const now = nowIso();
  await tx
    .insertInto('order_returns')
    .values({
      shop_id: shopId,
      id: returnId,
      order_id: o.id,
      entry_id: entry.entryId!,
      amount,
      cost,
      restock: restock ? 1 : 0,
      reason: opts.input.reason,
      created_by: opts.userId,
      created_at: now,
    })
    .execute();
  await tx
    .insertInto('order_return_lines')
    .values(
      parts.map((p) => ({
        shop_id: shopId,
        return_id: returnId,
        order_id: o.id,
        line_no: p.l.line_no,
        quantity: p.quantity,
        amount: p.amount,
        cost: restock ? p.cost : 0,
      })),
    )
    .execute();
  if (debt && fromReceivable > 0) {
    await tx
      .updateTable('ledger_debts')
      .set((eb) => ({ reduced: eb('reduced', '+', fromReceivable) }))
      .where('shop_id', '=', shopId)
      .where('id', '=', debt.id)
      .execute();
  }
  let stockChanged = false;
  if (restock) {
    for (const p of parts) {
      if (!p.l.product_id) continue;
      const item = { productId: p.l.product_id, variantId: p.l.variant_id };
      const row = await readItem(scope, item);
      // Tracked stock gets the units and their value back; an untracked item only gives Persediaan back what its sale took.
      const tracked = !!row && row.stock_value !== null;
      if (!tracked && p.cost === 0) continue;
      await recordMovement(scope, {
        key: `${key}:${p.l.line_no}`,
        item,
        kind: 'return',
        quantity: tracked ? p.quantity : 0,
        value: tracked ? p.cost : 0,
        glValue: p.cost,
        orderId: o.id,
        lineNo: p.l.line_no,
        entryId: entry.entryId,
      });
      if (tracked) {
        await changeItem(scope, item, p.quantity, p.cost);
        stockChanged = true;
      }
    }
  }
  if (stockChanged) await bumpShopVersion(scope);
  await recordOrderEvent(scope, {
    orderId: o.id,
    type: 'returned',
    actor: { kind: 'user', userId: opts.userId },
    details: {
      reason: opts.input.reason,
      amount,
      refunded,
      fromReceivable,
      restock,
      lines: parts.map((p) => ({ lineNo: p.l.line_no, quantity: p.quantity })),
    },
  });
  const out: OrderReturnResult = { replayed: false, returnId, amount, fromReceivable, refunded, restocked: restock };
  if (seeCost) out.cost = cost;
  return out;
}

async function replay(scope: ShopScope, key: string, seeCost: boolean): Promise<OrderReturnResult | null> {
  const r = await scope.tx
    .selectFrom('order_returns')
    .innerJoin('journal_entries', (j) =>
      j.onRef('journal_entries.shop_id', '=', 'order_returns.shop_id').onRef('journal_entries.id', '=', 'order_returns.entry_id'),
    )
    .select(['order_returns.id', 'order_returns.amount', 'order_returns.cost', 'order_returns.restock', 'order_returns.entry_id'])
    .where('order_returns.shop_id', '=', scope.shopId)
    .where('journal_entries.idem_key', '=', key)
    .executeTakeFirst();
  if (!r) return null;
  const receivable = await scope.tx
    .selectFrom('journal_postings')
    .select('amount')
    .where('shop_id', '=', scope.shopId)
    .where('entry_id', '=', r.entry_id)
    .where('account_code', '=', ACCOUNTS.receivable)
    .executeTakeFirst();
  const fromReceivable = receivable ? -Number(receivable.amount) : 0;
  const out: OrderReturnResult = {
    replayed: true,
    returnId: r.id,
    amount: Number(r.amount),
    fromReceivable,
    refunded: Number(r.amount) - fromReceivable,
    restocked: r.restock === 1,
  };
  if (seeCost) out.cost = Number(r.cost);
  return out;
}
