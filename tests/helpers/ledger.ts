import { afterAll, beforeAll } from 'vitest';
import { newId, nowIso } from '#server/util.ts';
import type { Database } from '#server/db/schema.ts';
import { useTestDatabase } from './db.ts';
import type { StripeStub } from './stripe-stub.ts';

/** Which database the suite runs on, for test titles. */
export const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * The set-up of a ledger or orders test file: a fresh seeded database for the file (and the Stripe stub
 * started first and pointed at, when given), closed after its tests.
 */
export function useLedgerDatabase(opts: { stripe?: StripeStub } = {}): void {
  let env: Awaited<ReturnType<typeof useTestDatabase>> | undefined;
  beforeAll(async () => {
    if (opts.stripe) {
      await opts.stripe.start();
      Object.assign(process.env, opts.stripe.env());
    }
    env = await useTestDatabase({ seed: true });
  });
  afterAll(async () => {
    await env?.close();
    await opts.stripe?.stop();
  });
}

/** An account's balance over all time (debit +), from the totals maintained with each posting. */
export async function accountBalance(shopId: string, code: string): Promise<number> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const r = await db()
    .selectFrom('ledger_totals')
    .select(['debit', 'credit'])
    .where('shop_id', '=', shopId)
    .where('grain', '=', 'a')
    .where('account_code', '=', code)
    .executeTakeFirst();
  return r ? Number(r.debit) - Number(r.credit) : 0;
}

type ShopTable = 'journal_entries' | 'stock_movements' | 'orders' | 'ledger_debts' | 'order_events' | 'order_lines';
/** The shop's row count of each table, under the names given: `rowCounts(id, { entries: 'journal_entries' })`. */
export async function rowCounts<K extends string>(shopId: string, tables: Record<K, ShopTable>): Promise<Record<K, number>> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const out = {} as Record<K, number>;
  for (const [name, table] of Object.entries(tables) as [K, keyof Database & ShopTable][]) {
    const r = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shop_id', '=', shopId)
      .executeTakeFirstOrThrow();
    out[name] = Number(r.n);
  }
  return out;
}

/**
 * A fresh shop of its own for ledger tests (its books start empty), made through createShop like a
 * sign-up, with one product whose stock is tracked.
 */
export async function ledgerShop(
  slug: string,
  product: { price: number; cost: number; stock: number | null } = { price: 35000, cost: 22000, stock: 40 },
) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { createShop } = await import('#server/shops/create-shop.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const village = await db().selectFrom('villages').select('id').executeTakeFirstOrThrow();
  const userId = newId();
  await db()
    .insertInto('users')
    .values({ id: userId, name: `Pemilik ${slug}`, email: `pemilik@${slug}.test`, phone: null, password_hash: 'x', created_at: nowIso() })
    .execute();
  const shop = await createShop({
    userId,
    input: { slug, name: `Toko ${slug}`, whatsapp: '+6285240009999', description: '', address: '', locale: 'id', villageId: village.id },
  });
  const productId = newId();
  await inShop(shop.id, async ({ tx, shopId }) => {
    const now = nowIso();
    await tx
      .insertInto('products')
      .values({
        shop_id: shopId,
        id: productId,
        slug: 'barang',
        name: 'Barang',
        price: product.price,
        compare_at_price: null,
        unit_cost: product.cost,
        sku: null,
        stock: product.stock,
        status: 'published',
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  return { shopId: shop.id, productId, userId };
}

export async function placeOrder(
  shopId: string,
  productId: string,
  quantity: number,
  idempotencyKey: string | null = null,
  payment: 'whatsapp' | 'card' = 'whatsapp',
) {
  const { createOrder } = await import('#server/orders/create-order.ts');
  return createOrder({
    shopId,
    locale: 'id',
    input: {
      items: [{ productId, quantity }],
      customerName: 'Ibu Sitti',
      customerPhone: '+6285240001234',
      delivery: 'pickup',
      destination: null,
      address: '',
      notes: '',
      payment,
      idempotencyKey,
    },
  });
}

export async function moveOrder(shopId: string, orderId: string, to: 'confirmed' | 'paid' | 'fulfilled' | 'cancelled') {
  const { inShop } = await import('#server/tenant/index.ts');
  const { transitionOrder } = await import('#server/orders/transition-order.ts');
  return inShop(shopId, (scope) => transitionOrder(scope, { orderId, to, actor: { kind: 'user', userId: null } }));
}

export async function shopProblems(shopId: string) {
  const { inShop } = await import('#server/tenant/index.ts');
  const { checkShopLedger } = await import('#server/ledger/check-ledger.ts');
  return inShop(shopId, (scope) => checkShopLedger(scope));
}

export async function today(shopId: string): Promise<string> {
  const { inShop } = await import('#server/tenant/index.ts');
  const { shopDay } = await import('#server/ledger/ledger-day.ts');
  return inShop(shopId, (scope) => shopDay(scope));
}
