import { Readable } from 'node:stream';
import { actAt } from '#server/clock.ts';
import { inOneShopTransaction, inShop } from '#server/tenant/index.ts';
import { dayIn } from '#server/ledger/ledger-day.ts';
import { addDays } from '#server/ledger/report-period.ts';
import { createOrder } from '#server/orders/create-order.ts';
import { confirmOrder } from '#server/orders/confirm-order.ts';
import { markOrderPaid } from '#server/orders/mark-order-paid.ts';
import { fulfilOrder } from '#server/orders/fulfil-order.ts';
import { cancelOrder } from '#server/orders/cancel-order.ts';
import { recordQuickSale, type QuickSaleInput } from '#server/orders/record-quick-sale.ts';
import { recordOrderReturn } from '#server/orders/record-order-return.ts';
import { recordStockIn } from '#server/ledger/record-stock-in.ts';
import { countStock } from '#server/ledger/count-stock.ts';
import { recordExpense } from '#server/ledger/record-expense.ts';
import { recordOwnerMoney } from '#server/ledger/record-owner-money.ts';
import { settleDebt } from '#server/ledger/settle-debt.ts';
import { commitMarketplaceImport } from '#server/imports/commit-marketplace-import.ts';
import type { Marketplace } from '#server/db/schema.ts';
import { recordCardPayment } from '#server/payments/stripe/record-card-payment.ts';
import { applicationFee, fromStripeAmount, toStripeAmount } from '#server/payments/stripe/amount.ts';

/**
 * About six months of trading for each demo shop, recorded through the use cases a merchant's requests
 * call (orders and their lifecycle, quick sales, a marketplace import every week, stock-ins, a stock count,
 * cash-book entries, returns, receivables settled), each at its own day on a clock set back (clock.ts).
 * So the ledger, the reports and the dashboard hold what real use would have put there, and a first start
 * shows real shapes. Deterministic: every choice comes from a PRNG seeded by the shop; dates are relative
 * to today in the program's time zone. Tracked stock ends where the catalog seed put it (the last day's
 * restock), and purchases cost the recorded unit cost, so the catalog a test sees is the one seeded.
 */
export interface HistoryShop {
  shopId: string;
  slug: string;
  ownerId: string;
  /** Sales on an ordinary day; the season and the weekday move it. */
  dailySales: number;
  /** Channel weights: stall, storefront order over WhatsApp, storefront order paid by card, reseller, a quick sale typed in from a chat. */
  mix: { stall: number; order: number; card: number; reseller: number; chat: number };
  /** Marketplace orders a week, per marketplace. */
  marketplace: Partial<Record<Extract<Marketplace, 'shopee' | 'tokopedia_tiktok'>, number>>;
  /** Monthly running costs by expense account (whole Rupiah, varied ±20%). */
  monthly: { account: string; amount: number; memo: string }[];
  capital: number;
  drawing: number;
}

export const HISTORY_DAYS = 182;

/** Idul Fitri (Lebaran) days: the month of Ramadan before it and the week after are the busy season for food shops. */
const LEBARAN = ['2025-03-31', '2026-03-20', '2027-03-10', '2028-02-27', '2029-02-14', '2030-02-04', '2031-01-24', '2032-01-14'];

function season(day: string): number {
  for (const l of LEBARAN) {
    if (day >= addDays(l, -30) && day < l) return 1.7;
    if (day >= l && day <= addDays(l, 7)) return 2.2;
  }
  const md = day.slice(5);
  if (md >= '08-10' && md <= '08-17') return 1.4; // Agustusan: village fairs and the 17 August contests
  if (md >= '12-18' || md <= '01-02') return 1.5; // year-end holidays, families visiting
  if (md.slice(3) <= '05') return 1.2; // the days after payday
  return 1;
}

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: string): () => number {
  let a = 0;
  for (const c of seed) a = (Math.imul(a ^ c.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Ibu Sitti',
  'Daeng Ngai',
  'Pak Rahman',
  'Ibu Hasna',
  'Daeng Tayang',
  'Pak Basri',
  'Ibu Marlina',
  'Andi Fitri',
  'Pak Jufri',
  'Ibu Nurhayati',
  'Daeng Sikki',
  'Kak Ayu',
];
const RESELLERS = ['Toko Sinar Gowa', 'Warung Daeng Puji', 'Kios Pasar Sentral Sungguminasa', 'Oleh-oleh Malino'];

interface Item {
  productId: string;
  variantId: string | null;
  name: string;
  variation: string;
  sku: string;
  price: number;
  cost: number;
  /** The stock the catalog seed gave it; null when not tracked. */
  stock: number | null;
}

async function loadItems(shopId: string): Promise<Item[]> {
  return inShop(shopId, async ({ tx }) => {
    const products = await tx
      .selectFrom('products')
      .select(['id', 'name', 'sku', 'price', 'unit_cost', 'stock'])
      .where('shop_id', '=', shopId)
      .where('status', '=', 'published')
      .orderBy('sort_order')
      .execute();
    const variants = await tx
      .selectFrom('product_variants')
      .select(['id', 'product_id', 'name', 'sku', 'price', 'unit_cost', 'stock'])
      .where('shop_id', '=', shopId)
      .orderBy('sort_order')
      .execute();
    return products.flatMap((p): Item[] => {
      const own = variants.filter((v) => v.product_id === p.id);
      if (!own.length)
        return [
          {
            productId: p.id,
            variantId: null,
            name: p.name,
            variation: '',
            sku: p.sku ?? '',
            price: Number(p.price),
            cost: Number(p.unit_cost ?? 0),
            stock: p.stock === null ? null : Number(p.stock),
          },
        ];
      return own.map((v) => ({
        productId: p.id,
        variantId: v.id,
        name: p.name,
        variation: v.name,
        sku: v.sku ?? '',
        price: Number(v.price),
        cost: Number(v.unit_cost ?? p.unit_cost ?? 0),
        stock: v.stock === null ? null : Number(v.stock),
      }));
    });
  });
}

async function stockOf(shopId: string, items: Item[]): Promise<number[]> {
  return inShop(shopId, async ({ tx }) => {
    const p = await tx.selectFrom('products').select(['id', 'stock']).where('shop_id', '=', shopId).execute();
    const v = await tx.selectFrom('product_variants').select(['id', 'stock']).where('shop_id', '=', shopId).execute();
    const byId = new Map([...p, ...v].map((r) => [r.id, r.stock === null ? null : Number(r.stock)]));
    return items.map((i) => byId.get(i.variantId ?? i.productId) ?? 0);
  });
}

/**
 * ASSUMPTION, not a published Stripe price: Stripe lists no Indonesian card rate, so the demo charges 2.9% +
 * Rp 2.000 per card payment, the shape of the rates Indonesian card acquirers publish. Real payments post
 * the fee Stripe reports on the charge's balance transaction (card-fees.ts), never these numbers.
 */
export const DEMO_CARD_FEE_PERCENT = 2.9;
export const DEMO_CARD_FEE_FIXED_RUPIAH = 2_000;
/** The demo platform's application fee (PLATFORM_FEE_PERCENT=1), floored like applicationFee. */
export const DEMO_PLATFORM_FEE_PERCENT = 1;

/** What a card order of the demo costs the shop, as the balance transaction of a real one would say. */
export function cardFees(total: number): { stripe: number; platform: number } {
  return {
    stripe: Math.round((total * DEMO_CARD_FEE_PERCENT) / 100) + DEMO_CARD_FEE_FIXED_RUPIAH,
    platform: fromStripeAmount(applicationFee(total, DEMO_PLATFORM_FEE_PERCENT)),
  };
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvText = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** Midnight of `day` on the program time zone's wall clock, as an instant. */
function midnight(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const wall = Date.parse(new Date(guess).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T') + 'Z');
  return guess - (wall - guess);
}

export async function seedHistory(shop: HistoryShop, opts: { timeZone: string; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  const tz = opts.timeZone;
  const rand = prng(`etalase-demo:${shop.slug}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const vary = (n: number, spread = 0.2) => Math.round((n * (1 - spread + 2 * spread * rand())) / 500) * 500;
  const owner = { shopId: shop.shopId, role: 'owner' as const, userId: shop.ownerId };
  const items = await loadItems(shop.shopId);
  const today = dayIn(tz, now);
  const first = addDays(today, -HISTORY_DAYS);
  let seq = 0;
  const key = (what: string) => `seed-${shop.slug}-${what}-${++seq}`;
  /** Runs fn at `minutes` past midnight of `day`, unless that is still ahead of now. */
  const midnights = new Map<string, number>();
  const at = async <T>(day: string, minutes: number, fn: () => Promise<T>): Promise<T | undefined> => {
    if (!midnights.has(day)) midnights.set(day, midnight(day, tz));
    const when = new Date(midnights.get(day)! + minutes * 60_000);
    if (when.getTime() > now.getTime()) return undefined;
    return actAt(when, fn);
  };
  const dueSettlements = new Map<string, { debtId: string; amount: number }[]>();
  const fulfilledCodes: string[] = [];
  let marketplaceSeq = 0;
  const weekOrders: Record<string, string[][]> = { shopee: [], tokopedia_tiktok: [] };

  await at(first, 7 * 60, () =>
    recordOwnerMoney({
      ...owner,
      direction: 'capital',
      input: { amount: shop.capital, paidWith: 'cash', date: null, memo: 'Modal awal usaha', idempotencyKey: key('modal') },
    }),
  );

  // A day's events share one shop transaction: the same use cases, without a BEGIN and COMMIT each (the
  // round trips were most of the seed's time on PostgreSQL).
  const oneDay = async (d: number) => {
    const day = addDays(first, d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const last = d === HISTORY_DAYS;

    // Morning: restock what runs low, at the recorded unit cost (the moving average stays the catalog's).
    const stock = await stockOf(shop.shopId, items);
    for (const [n, item] of items.entries()) {
      if (item.stock === null) continue;
      const have = stock[n]!;
      if (have > item.stock / 3) continue;
      await at(day, 6 * 60 + n, () =>
        recordStockIn({
          ...owner,
          item: { productId: item.productId, variantId: item.variantId },
          quantity: item.stock! - have,
          source: { kind: 'purchase', cost: item.cost * (item.stock! - have), paidWith: 'cash' },
          key: key('stok'),
        }),
      );
      stock[n] = item.stock;
    }

    // Sales through the day.
    const expected = shop.dailySales * season(day) * (weekday === 0 || weekday === 6 ? 1.3 : 1);
    const count = Math.max(0, Math.round(expected * (0.6 + 0.8 * rand())));
    const weights = shop.mix;
    const totalWeight = weights.stall + weights.order + weights.card + weights.reseller + weights.chat;
    for (let s = 0; s < count; s++) {
      const minute = 8 * 60 + Math.floor(((s + rand()) / Math.max(count, 1)) * 9 * 60);
      const r = rand() * totalWeight;
      const kind =
        r < weights.stall
          ? 'stall'
          : r < weights.stall + weights.order
            ? 'order'
            : r < weights.stall + weights.order + weights.card
              ? 'card'
              : r < totalWeight - weights.chat
                ? 'reseller'
                : 'chat';
      const n = Math.floor(rand() * items.length);
      const item = items[n]!;
      const room = item.stock === null ? Infinity : stock[n]!;
      const want = kind === 'reseller' ? 5 + Math.floor(rand() * 10) : 1 + Math.floor(rand() * rand() * 4);
      const quantity = Math.min(want, room);
      if (quantity < 1) continue;
      if (item.stock !== null) stock[n] = room - quantity;
      const line = { productId: item.productId, variantId: item.variantId, quantity };
      if (kind === 'card') {
        const placed = await at(day, minute, () =>
          createOrder({
            shopId: shop.shopId,
            locale: 'id',
            history: true,
            input: {
              items: [line],
              customerName: pick(NAMES),
              customerPhone: `+62813400${String(1000 + Math.floor(rand() * 9000))}`,
              delivery: 'pickup',
              destination: null,
              address: '',
              notes: '',
              payment: 'card',
              idempotencyKey: null,
            },
          }),
        );
        if (!placed) continue;
        const ref = ++seq;
        await at(day, minute + 2, () =>
          recordCardPayment({
            shopId: shop.shopId,
            orderId: placed.orderId,
            checkoutSessionId: `cs_seed_${shop.slug}_${ref}`,
            paymentIntentId: `pi_seed_${shop.slug}_${ref}`,
            amount: toStripeAmount(placed.total),
            currency: 'idr',
            fees: cardFees(placed.total),
            eventId: `evt_seed_${shop.slug}_${ref}`,
          }),
        );
        await at(day, minute + 60, () =>
          inShop(shop.shopId, (scope) => fulfilOrder(scope, { orderId: placed.orderId, actor: { kind: 'user', userId: shop.ownerId } })),
        );
        fulfilledCodes.push(placed.code);
        continue;
      }
      if (kind === 'order') {
        const placed = await at(day, minute, () =>
          createOrder({
            shopId: shop.shopId,
            locale: 'id',
            input: {
              items: [line],
              customerName: pick(NAMES),
              customerPhone: `+62852400${String(1000 + Math.floor(rand() * 9000))}`,
              delivery: 'pickup',
              destination: null,
              address: '',
              notes: '',
              payment: 'whatsapp',
              idempotencyKey: null,
            },
          }),
        );
        if (!placed) continue;
        const cancelled = rand() < 0.05;
        const paidFirst = rand() < 0.3;
        await at(day, minute + 40, () =>
          inShop(shop.shopId, async (scope) => {
            const o = { orderId: placed.orderId, actor: { kind: 'user' as const, userId: shop.ownerId } };
            if (cancelled) return cancelOrder(scope, o);
            // Some customers transfer before the shop confirms; payment then confirms the order.
            if (!paidFirst) await confirmOrder(scope, o);
            await markOrderPaid(scope, o);
            return fulfilOrder(scope, o);
          }),
        );
        if (cancelled && item.stock !== null) stock[n] = stock[n]! + quantity;
        if (!cancelled) fulfilledCodes.push(placed.code);
        continue;
      }
      const credit = kind === 'reseller' && rand() < 0.4;
      const input: QuickSaleInput = {
        channel: kind === 'chat' ? 'whatsapp' : kind,
        items: [kind === 'reseller' ? { ...line, unitPrice: Math.round((item.price * 0.85) / 500) * 500 } : line],
        payment: credit ? 'credit' : kind === 'stall' ? (rand() < 0.8 ? 'cash' : 'qris') : 'transfer',
        dueDate: credit ? addDays(day, 14) : null,
        customerName: kind === 'reseller' ? pick(RESELLERS) : kind === 'chat' ? pick(NAMES) : '',
        customerPhone: null,
        notes: '',
        idempotencyKey: key('jual'),
      };
      const sale = await at(day, minute, () => recordQuickSale({ ...owner, input }));
      if (sale?.receivable) {
        const due = sale.receivable.dueDate ?? addDays(day, 14);
        dueSettlements.set(due, [...(dueSettlements.get(due) ?? []), { debtId: sale.receivable.debtId, amount: sale.receivable.amount }]);
      }
    }

    // Resellers pay their credit on the due day.
    for (const debt of dueSettlements.get(day) ?? [])
      await at(day, 16 * 60, () =>
        settleDebt({
          ...owner,
          debtId: debt.debtId,
          input: { amount: debt.amount, paidWith: 'bank', date: null, idempotencyKey: key('lunas') },
        }),
      );

    // Now and then a customer brings something back (a cracked egg, a torn pouch).
    if (fulfilledCodes.length > 20 && rand() < 0.04) {
      const code = fulfilledCodes.splice(Math.floor(rand() * fulfilledCodes.length), 1)[0]!;
      await at(day, 15 * 60, () =>
        recordOrderReturn({
          ...owner,
          code,
          input: { reason: 'Barang rusak saat diterima', restock: false, idempotencyKey: key('retur') },
        }),
      );
    }

    // Marketplace orders of the day wait for the week's export, imported on Mondays.
    for (const [market, perWeek] of Object.entries(shop.marketplace) as [keyof HistoryShop['marketplace'], number][]) {
      // A rate below one a day still gives orders on some days: the fraction is a chance.
      const orders = Math.floor((perWeek / 7) * season(day) * (0.5 + rand()) + rand());
      for (let o = 0; o < orders; o++) {
        const n = Math.floor(rand() * items.length);
        const item = items[n]!;
        const qty = Math.min(1 + Math.floor(rand() * 2), item.stock === null ? Infinity : stock[n]!);
        if (qty < 1) continue;
        if (item.stock !== null) stock[n] = stock[n]! - qty;
        const id = `${market === 'shopee' ? '2' : '58'}${day.replace(/-/g, '').slice(2)}${String(++marketplaceSeq).padStart(4, '0')}`;
        const status = rand() < 0.06 ? 'Cancelled' : 'Completed';
        const fee = Math.round((item.price * qty * 0.08) / 100) * 100;
        weekOrders[market]!.push(
          market === 'shopee'
            ? [id, status, `${day} 10:00`, item.name, item.variation, item.sku, String(item.price), String(qty), String(fee), '1000', '']
            : [
                id,
                status === 'Cancelled' ? 'Dibatalkan' : 'Selesai',
                item.sku,
                item.name,
                item.variation,
                String(qty),
                String(item.price * qty),
              ],
        );
      }
    }
    if (weekday === 1 || last) {
      for (const market of ['shopee', 'tokopedia_tiktok'] as const) {
        const rows = weekOrders[market]!;
        if (!rows.length) continue;
        weekOrders[market] = [];
        const header =
          market === 'shopee'
            ? [
                'Order ID',
                'Order Status',
                'Order Creation Date',
                'Product Name',
                'Variation Name',
                'SKU Reference No.',
                'Deal Price',
                'Quantity',
                'Commission Fee',
                'Service Fee',
                'Return / Refund Status',
              ]
            : ['Order ID', 'Order Status', 'Seller SKU', 'Product Name', 'Variation', 'Quantity', 'SKU Subtotal After Discount'];
        const text = csvText([header, ...rows]);
        await at(day, 19 * 60, () =>
          commitMarketplaceImport({
            ...owner,
            input: { marketplace: market, format: 'csv' },
            file: { format: 'csv', open: () => Readable.from([Buffer.from(text, 'utf8')]) },
          }),
        );
      }
    }

    // Month's end: running costs, the owner's drawing; once, a stock count finds a few units broken.
    const monthEnd = addDays(day, 1).slice(8) === '01';
    if (monthEnd) {
      for (const m of shop.monthly)
        await at(day, 20 * 60, () =>
          recordExpense({
            ...owner,
            input: {
              account: m.account,
              amount: vary(m.amount),
              paidWith: 'cash',
              date: null,
              memo: m.memo,
              partyName: '',
              idempotencyKey: key('beban'),
            },
          }),
        );
      await at(day, 20 * 60 + 30, () =>
        recordOwnerMoney({
          ...owner,
          direction: 'drawing',
          input: { amount: vary(shop.drawing), paidWith: 'cash', date: null, memo: 'Keperluan rumah tangga', idempotencyKey: key('prive') },
        }),
      );
    }
    if (d === HISTORY_DAYS - 45) {
      const fresh = await stockOf(shop.shopId, items);
      for (const [n, item] of items.entries()) {
        if (item.stock === null || fresh[n]! < 3) continue;
        const counted = fresh[n]! - 1 - Math.floor(rand() * 2);
        await at(day, 18 * 60, () =>
          countStock({ ...owner, item: { productId: item.productId, variantId: item.variantId }, counted, key: key('opname') }),
        );
        stock[n] = counted;
      }
    }
  };
  for (let d = 0; d <= HISTORY_DAYS; d++) await inOneShopTransaction(shop.shopId, () => oneDay(d));
  // Tracked stock ends where the catalog seed put it.
  const fresh = await stockOf(shop.shopId, items);
  for (const [n, item] of items.entries()) {
    const have = fresh[n]!;
    if (item.stock === null || have >= item.stock) continue;
    await actAt(now, () =>
      recordStockIn({
        ...owner,
        item: { productId: item.productId, variantId: item.variantId },
        quantity: item.stock! - have,
        source: { kind: 'purchase', cost: item.cost * (item.stock! - have), paidWith: 'cash' },
        key: key('stok'),
      }),
    );
  }
}
