import { z } from 'zod';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { Invalid, Unprocessable } from '../errors.ts';
import { requireCapability, roleHas, type Role } from '../auth/access.ts';
import { phoneField } from '../auth/schemas.ts';
import type { PaymentMethod } from '../db/schema.ts';
import { isLocale, type Locale } from '#i18n/index.ts';
import { newId, newToken, nowIso, sha256Hex } from '../util.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { checkDay } from '../ledger/period-totals.ts';
import { shopDay } from '../ledger/ledger-day.ts';
import { MAX_LINES, MAX_QUANTITY, priceItems } from './price-items.ts';
import { takeStock } from './order-stock.ts';
import { insertOrderWithLines } from './insert-order-with-lines.ts';
import { idempotencyKeyHash } from './token-box.ts';
import { idempotencyKeyField } from './schemas.ts';
import { transitionOrder } from './transition-order.ts';

/** Channels a sale is typed in by hand: the market stall, a reseller, a phone call or chat. */
export const QUICK_SALE_CHANNELS = ['stall', 'reseller', 'whatsapp'] as const;
export const QUICK_SALE_PAYMENTS = ['cash', 'transfer', 'qris', 'credit'] as const;

export const quickSaleInput = z
  .object({
    channel: z.enum(QUICK_SALE_CHANNELS, { error: 'validation.choice' }),
    items: z
      .array(
        z.object({
          productId: z.string().trim().min(1).max(64),
          variantId: z.string().trim().min(1).max(64).nullable().optional(),
          quantity: z
            .number({ error: 'cart.quantityInvalid' })
            .int({ error: 'cart.quantityInvalid' })
            .min(1, { error: 'cart.quantityInvalid' })
            .max(MAX_QUANTITY),
          /** A price agreed on the spot; the catalog price otherwise. Recorded with who set it. */
          unitPrice: z
            .number({ error: 'sales.priceInvalid' })
            .int({ error: 'sales.priceInvalid' })
            .min(0, { error: 'sales.priceInvalid' })
            .max(1_000_000_000)
            .optional(),
        }),
      )
      .min(1, { error: 'orders.emptyCart' })
      .max(MAX_LINES, { error: 'orders.tooManyLines' }),
    payment: z.enum(QUICK_SALE_PAYMENTS, { error: 'validation.choice' }),
    /** Required on credit: when the customer will pay (YYYY-MM-DD). */
    dueDate: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    customerName: z.string().trim().max(80).default(''),
    customerPhone: phoneField
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    customerLocale: z.enum(['id', 'en']).optional(),
    notes: z.string().trim().max(500).default(''),
    idempotencyKey: idempotencyKeyField,
  })
  .superRefine((v, ctx) => {
    if (v.payment === 'credit' && !v.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'sales.dueDateRequired' });
    if (v.payment === 'credit' && !v.customerName)
      ctx.addIssue({ code: 'custom', path: ['customerName'], message: 'sales.customerRequired' });
  });
export type QuickSaleInput = z.output<typeof quickSaleInput>;

export interface QuickSaleLine {
  name: string;
  variantName: string | null;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  priceOverridden: boolean;
}
export interface QuickSaleResult {
  replayed: boolean;
  orderId: string;
  code: string;
  channel: string;
  payment: PaymentMethod;
  total: number;
  lines: QuickSaleLine[];
  receivable: { debtId: string; amount: number; dueDate: string | null } | null;
  /** Only for a role that may see costs (products.cost): HPP at the moving average and the gross profit. */
  cost?: number;
  grossProfit?: number;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

function fingerprint(input: QuickSaleInput): string {
  const items = input.items.map((i) => JSON.stringify([i.productId, i.variantId ?? null, i.quantity, i.unitPrice ?? null])).sort();
  return sha256Hex(
    `etalase:quick-sale:${input.idempotencyKey}\n${JSON.stringify([
      input.channel,
      items,
      input.payment,
      input.dueDate,
      input.customerName,
      input.customerPhone,
      input.notes,
    ])}`,
  );
}

/**
 * A sale typed in on a phone (stall, reseller, phone call): priced from the catalog unless a price is set
 * by hand (kept with who set it), stock taken, and delivered at once in one transaction through the
 * orders' one lifecycle, so its journal is the one every order gets: paid now (cash -> Kas; transfer,
 * QRIS -> Bank) pending -> paid -> fulfilled; on credit pending -> confirmed -> fulfilled with a
 * receivable (Piutang Usaha) and its due date in hutang piutang. HPP at the moving average either way.
 * The client's key makes a repeated request answer with the first sale, posting and moving nothing.
 * Staff record sales; cost and profit are in the answer only for the owner.
 */
export async function recordQuickSale(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: QuickSaleInput;
}): Promise<QuickSaleResult> {
  requireCapability(opts.role, 'orders.manage');
  const { input } = opts;
  const keyHash = idempotencyKeyHash(`quick:${input.idempotencyKey}`);
  const print = fingerprint(input);
  const seeCost = roleHas(opts.role, 'products.cost');
  for (let attempt = 0; ; attempt++) {
    try {
      return await inShop(opts.shopId, async (scope) => {
        const found = await scope.tx
          .selectFrom('orders')
          .select(['id', 'request_fingerprint'])
          .where('shop_id', '=', scope.shopId)
          .where('idempotency_key', '=', keyHash)
          .executeTakeFirst();
        if (found) {
          if (found.request_fingerprint !== print) throw new Unprocessable('orders.idempotencyKeyReused');
          return quickSaleView(scope, found.id, { replayed: true, seeCost });
        }
        const orderId = await insertSale(scope, { ...opts, keyHash, print });
        return quickSaleView(scope, orderId, { replayed: false, seeCost });
      });
    } catch (err) {
      // Two requests with one key at once (PostgreSQL): the loser reads the winner's sale; or two codes collided.
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

async function insertSale(
  scope: ShopScope,
  opts: { userId: string; input: QuickSaleInput; keyHash: string; print: string },
): Promise<string> {
  const { tx, shopId } = scope;
  const { input, userId } = opts;
  // The schema says so for routes; the use case holds it for every caller.
  if (input.payment === 'credit' && !input.dueDate) throw new Invalid({ dueDate: ['sales.dueDateRequired'] });
  if (input.payment === 'credit' && !input.customerName) throw new Invalid({ customerName: ['sales.customerRequired'] });
  if (input.dueDate) {
    checkDay('dueDate', input.dueDate);
    if (input.dueDate < (await shopDay(scope))) throw new Invalid({ dueDate: ['sales.dueDatePast'] });
  }
  const overrides = new Map<string, number | undefined>();
  input.items.forEach((i, n) => {
    const k = `${i.productId}:${i.variantId ?? ''}`;
    if (overrides.has(k) && overrides.get(k) !== i.unitPrice) throw new Invalid({ [`items.${n}.unitPrice`]: ['sales.priceConflict'] });
    overrides.set(k, i.unitPrice);
  });
  const priced = await priceItems(scope, input.items, { checkStock: true });
  const lines = priced.map((l) => {
    const override = overrides.get(`${l.productId}:${l.variantId ?? ''}`);
    if (override === undefined || override === l.unitPrice) return { ...l, listPrice: null as number | null, setBy: null as string | null };
    return { ...l, unitPrice: override, lineTotal: override * l.quantity, listPrice: l.unitPrice, setBy: userId };
  });
  const taken = await takeStock(scope, lines, { guard: true });
  if (taken.short) throw new Invalid({ items: ['orders.stockShort'] }, 'orders.stockShortMessage', taken.short);
  if (taken.tracked) await bumpShopVersion(scope);

  const shop = await tx.selectFrom('shops').select(['slug', 'locale']).where('id', '=', shopId).executeTakeFirstOrThrow();
  const locale: Locale = input.customerLocale ?? (isLocale(shop.locale) ? shop.locale : 'id');
  const total = lines.reduce((s, l) => s + l.lineTotal, 0);
  const now = nowIso();
  const { orderId, code } = await insertOrderWithLines(scope, {
    slug: shop.slug,
    order: {
      access_token_hash: sha256Hex(newToken()),
      idempotency_key: opts.keyHash,
      request_fingerprint: opts.print,
      token_box: null,
      channel: input.channel,
      payment_method: input.payment,
      customer_name: input.customerName,
      customer_phone: input.customerPhone,
      delivery_method: 'pickup',
      destination_code: null,
      address: '',
      notes: input.notes,
      subtotal: total,
      delivery_fee: 0,
      total,
      locale,
      expires_at: null,
      hold_until: null,
      stripe_checkout_session_id: null,
      stripe_payment_intent_id: null,
    },
    lines,
    stockTaken: taken.tracked,
    placed: {
      actorKind: 'user',
      actorUserId: userId,
      details: {
        channel: input.channel,
        payment: input.payment,
        total,
        quickSale: true,
        priceSetBy: lines.some((l) => l.setBy) ? userId : null,
      },
    },
    now,
  });
  const actor = { kind: 'user' as const, userId };
  await transitionOrder(scope, { orderId, to: input.payment === 'credit' ? 'confirmed' : 'paid', actor });
  await transitionOrder(scope, { orderId, to: 'fulfilled', actor });
  if (input.payment === 'credit') {
    const entry = await tx
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('idem_key', '=', `order:${orderId}:fulfilled`)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('ledger_debts')
      .values({
        shop_id: shopId,
        id: newId(),
        kind: 'receivable',
        order_id: orderId,
        entry_id: entry.id,
        party_name: input.customerName,
        party_phone: input.customerPhone,
        locale,
        amount: total,
        due_date: input.dueDate,
        memo: code,
        created_by: userId,
        created_at: now,
      })
      .execute();
  }
  return orderId;
}

/** The sale as its recorder sees it; cost only with `seeCost`. */
export async function quickSaleView(
  scope: ShopScope,
  orderId: string,
  opts: { replayed: boolean; seeCost: boolean },
): Promise<QuickSaleResult> {
  const { tx, shopId } = scope;
  const o = await tx
    .selectFrom('orders')
    .select(['id', 'code', 'channel', 'payment_method', 'total'])
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const lines = await tx
    .selectFrom('order_lines')
    .select(['name', 'variant_name', 'quantity', 'unit_price', 'line_total', 'list_price'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  const debt = await tx
    .selectFrom('ledger_debts')
    .select(['id', 'amount', 'due_date'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .where('kind', '=', 'receivable')
    .executeTakeFirst();
  const out: QuickSaleResult = {
    replayed: opts.replayed,
    orderId: o.id,
    code: o.code,
    channel: o.channel,
    payment: o.payment_method,
    total: Number(o.total),
    lines: lines.map((l) => ({
      name: l.name,
      variantName: l.variant_name,
      quantity: l.quantity,
      unitPrice: Number(l.unit_price),
      lineTotal: Number(l.line_total),
      priceOverridden: l.list_price !== null,
    })),
    receivable: debt ? { debtId: debt.id, amount: Number(debt.amount), dueDate: debt.due_date } : null,
  };
  if (opts.seeCost) {
    const cogs = await tx
      .selectFrom('journal_postings')
      .innerJoin('journal_entries', (j) =>
        j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
      )
      .select((eb) => eb.fn.sum<number>('journal_postings.amount').as('s'))
      .where('journal_postings.shop_id', '=', shopId)
      .where('journal_entries.idem_key', '=', `order:${orderId}:fulfilled`)
      .where('journal_postings.account_code', '=', ACCOUNTS.cogs)
      .executeTakeFirst();
    out.cost = Number(cogs?.s ?? 0);
    out.grossProfit = out.total - out.cost;
  }
  return out;
}
