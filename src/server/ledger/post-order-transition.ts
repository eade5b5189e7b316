import type { ShopScope } from '../tenant/index.ts';
import { prepared } from '../db/prepared.ts';
import type { OrderStatus, PaymentMethod } from '../db/schema.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry, type PostingLine } from './post-entry.ts';
import { saleCost } from './inventory.ts';
import { recordOrderSales, recordSalesReturn } from './sales-totals.ts';

/** Where the money of a payment method lands: cash in hand, or the bank (transfer, card, QRIS). */
export function moneyAccount(method: PaymentMethod): string {
  return method === 'cash' || method === 'whatsapp' ? ACCOUNTS.cash : ACCOUNTS.bank;
}

export interface OrderFacts {
  id: string;
  total: number;
  subtotal: number;
  delivery_fee: number;
  discount: number;
  payment_method: PaymentMethod;
  code: string;
  channel: string;
  /** 1 when delivered outside the program's kabupaten; read with the order by the transition (else read again). */
  outside?: number;
}

async function readFacts(scope: ShopScope, orderId: string): Promise<OrderFacts> {
  return scope.tx
    .selectFrom('orders')
    .select(['id', 'code', 'total', 'subtotal', 'delivery_fee', 'discount', 'payment_method', 'channel'])
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
}

/** What the order's customer deposit (Uang Muka Pelanggan) holds now: paid in, less refunds and revenue taken. */
export async function depositBalance(scope: ShopScope, orderId: string): Promise<number> {
  const r = await selectDeposit.first(scope.tx, scope.shopId, orderId);
  return -Number(r?.s ?? 0);
}

const selectDeposit = prepared((q, shopId: string, orderId: string) =>
  q
    .selectFrom('journal_postings')
    // The account is picked by CASE, not in WHERE, and the entries by a subquery: without statistics SQLite
    // would otherwise walk every posting of Uang Muka Pelanggan (its account index), not the order's few entries.
    .select((eb) =>
      eb.fn.sum<number>(eb.case().when('account_code', '=', ACCOUNTS.customerDeposits).then(eb.ref('amount')).else(0).end()).as('s'),
    )
    .where('shop_id', '=', shopId)
    .where('entry_id', 'in', (eb) =>
      eb
        .selectFrom('journal_entries')
        .select('id')
        .where('shop_id', '=', shopId)
        .where('source_type', '=', 'order')
        .where('source_id', '=', orderId),
    ),
);

/**
 * Revenue lines of a delivered order: goods to Penjualan, the delivery fee charged to Pendapatan Ongkos
 * Kirim, a discount the shop granted to Potongan Penjualan (total = subtotal + fee - discount).
 */
export function revenueLines(o: { subtotal: number; delivery_fee: number; discount?: number }): PostingLine[] {
  const lines: PostingLine[] = [
    { account: ACCOUNTS.sales, amount: -o.subtotal },
    { account: ACCOUNTS.deliveryIncome, amount: -o.delivery_fee },
  ];
  if (o.discount) lines.push({ account: ACCOUNTS.salesDiscounts, amount: o.discount });
  return lines;
}

/**
 * The journal of one order status change (accrual, SAK EMKM), posted in the transition's transaction.
 * Keys name the order and the status reached; the lifecycle reaches each status at most once, so each
 * entry exists once, and a replayed transition (which changes nothing) posts nothing.
 */
export async function postOrderTransition(
  scope: ShopScope,
  opts: { orderId: string; from: OrderStatus; to: OrderStatus; userId?: string | null; order?: OrderFacts },
): Promise<void> {
  const { orderId, to } = opts;
  const source = { type: 'order', id: orderId };
  if (to === 'paid') {
    const o = opts.order ?? (await readFacts(scope, orderId));
    await postEntry(scope, {
      key: `order:${orderId}:paid`,
      source,
      memo: `${o.code} dibayar`,
      createdBy: opts.userId,
      lines: [
        { account: moneyAccount(o.payment_method), amount: o.total },
        { account: ACCOUNTS.customerDeposits, amount: -o.total },
      ],
    });
  } else if (to === 'fulfilled') {
    const o = opts.order ?? (await readFacts(scope, orderId));
    const key = `order:${orderId}:fulfilled`;
    const cost = await saleCost(scope, orderId, key);
    const deposit = await depositBalance(scope, orderId);
    // Paid before delivery: the deposit becomes revenue; anything not covered is a receivable (from the
    // marketplace until its payout, for a marketplace sale).
    const receivable = o.channel === 'marketplace' ? ACCOUNTS.marketplaceReceivable : ACCOUNTS.receivable;
    const fromDeposit = Math.min(deposit, o.total);
    const posted = await postEntry(scope, {
      key,
      source,
      memo: `${o.code} diserahkan`,
      createdBy: opts.userId,
      lines: [
        { account: ACCOUNTS.customerDeposits, amount: fromDeposit },
        { account: receivable, amount: o.total - fromDeposit },
        ...revenueLines(o),
        { account: ACCOUNTS.cogs, amount: cost.cost },
        { account: ACCOUNTS.inventory, amount: -cost.cost },
      ],
    });
    if (posted.posted) {
      await cost.movements();
      await recordOrderSales(scope, { orderId, day: posted.day, sign: 1, order: o, lines: cost.lines });
    }
  } else if (to === 'cancelled' || to === 'expired') {
    const deposit = await depositBalance(scope, orderId);
    if (deposit > 0) {
      const o = opts.order ?? (await readFacts(scope, orderId));
      await postEntry(scope, {
        key: `order:${orderId}:${to}`,
        source,
        memo: `${o.code} dibatalkan, uang dikembalikan`,
        createdBy: opts.userId,
        lines: [
          { account: ACCOUNTS.customerDeposits, amount: deposit },
          { account: moneyAccount(o.payment_method), amount: -deposit },
        ],
      });
    }
  }
}

/** The goods value of the returns recorded for an order (order_returns), whatever money they moved. */
export async function returnedValue(scope: ShopScope, orderId: string): Promise<number> {
  const r = await scope.tx
    .selectFrom('order_returns')
    .select((eb) => eb.fn.sum<number>('amount').as('s'))
    .where('shop_id', '=', scope.shopId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}

/** Stripe's refunded total of the order (the webhook writes it before it posts the refund). */
export async function refundedByStripe(scope: ShopScope, orderId: string): Promise<number> {
  const r = await scope.tx
    .selectFrom('orders')
    .select('stripe_refunded_amount')
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  return r ? Number(r.stripe_refunded_amount) : 0;
}

/**
 * Money given back for an order (a Stripe refund, `key` from its event): after delivery it is a sales
 * return (Retur Penjualan / Bank); before delivery it comes out of the customer's deposit.
 */
export async function postOrderRefund(
  scope: ShopScope,
  opts: { orderId: string; amount: number; key: string; status: OrderStatus },
): Promise<void> {
  if (opts.amount <= 0) return;
  const o = await readFacts(scope, opts.orderId);
  const money = moneyAccount(o.payment_method);
  const source = { type: 'order', id: opts.orderId };
  if (opts.status === 'fulfilled') {
    // A return the shop recorded (order_returns) may be the same money given back: Retur Penjualan follows
    // the larger of the two totals, so whichever comes second posts only what goes beyond the first.
    const refunded = await refundedByStripe(scope, opts.orderId);
    const returned = await returnedValue(scope, opts.orderId);
    const amount = Math.max(refunded, returned) - Math.max(refunded - opts.amount, returned);
    if (amount <= 0) return;
    const r = await postEntry(scope, {
      key: opts.key,
      source,
      memo: `${o.code} retur (refund)`,
      lines: [
        { account: ACCOUNTS.salesReturns, amount },
        { account: money, amount: -amount },
      ],
    });
    if (r.posted) await recordSalesReturn(scope, { orderId: opts.orderId, day: r.day, amount });
    return;
  }
  const amount = Math.min(opts.amount, await depositBalance(scope, opts.orderId));
  if (amount > 0) {
    await postEntry(scope, {
      key: opts.key,
      source,
      memo: `${o.code} refund`,
      lines: [
        { account: ACCOUNTS.customerDeposits, amount },
        { account: money, amount: -amount },
      ],
    });
  }
}
