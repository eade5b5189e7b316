import { Client } from './http.ts';
import { DEMO_PASSWORD } from './db.ts';
import type { TestServer } from './server.ts';
import { useServerDatabase } from './shop-data.ts';

/**
 * Shop A (hk05) with a row behind every id a route takes, made through the API as its owner would, and the
 * ids read back from the database: an order, a product with a photo, a design, label facts, a journal
 * entry, a payable, a marketplace import run, a staff member. Shop B (roti-balang) gets a staff member
 * too, so both of B's roles can be tried against A's ids.
 */
export interface ShopFixture {
  server: TestServer;
  ownerA: Client;
  staffA: Client;
  ownerB: Client;
  staffB: Client;
  officer: Client;
  shopA: string;
  shopB: string;
  /** Route param name → a value that names a row of shop A. */
  idsA: Record<string, string>;
  close: () => Promise<void>;
}

const key = () => `sec-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

async function ok(res: Response | Promise<Response>, what: string): Promise<unknown> {
  const r = await res;
  if (r.status >= 300) throw new Error(`fixture: ${what} answered ${r.status} ${await r.text()}`);
  return r.status === 204 ? null : r.json().catch(() => null);
}

export async function shopFixture(server: TestServer): Promise<ShopFixture> {
  const { db, close } = await useServerDatabase(server);
  const signed = async (login: string, lang?: 'id' | 'en') => {
    const c = new Client(server.url, lang ? { lang } : {});
    await c.signIn(login, DEMO_PASSWORD);
    return c;
  };
  const ownerA = await signed('pemilik@hk05.test');
  const staffA = await signed('staf@hk05.test');
  const ownerB = await signed('pemilik@roti-balang.test');
  const officer = await signed('pendamping@gowa.test');

  // Shop B's staff: invited by B's owner, joined through the invite link.
  const invite = (await ok(ownerB.post('/api/v1/shops/roti-balang/invites'), 'invite')) as { url: string };
  const staffB = new Client(server.url);
  await ok(staffB.post('/api/v1/users', { name: 'Staf Roti', phone: '0857-4000-3131', password: 'staf-roti-123' }), 'staff B sign-up');
  const joined = await staffB.form(new URL(invite.url).pathname, {});
  if (joined.status !== 303) throw new Error(`fixture: staff B could not join: ${joined.status}`);

  const A = '/api/v1/shops/hk05';
  const placed = (await ok(
    new Client(server.url).post(`${A}/orders`, {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
      customerName: 'Pembeli Uji',
      customerPhone: '0812 0000 2222',
      delivery: 'pickup',
      payment: 'whatsapp',
    }),
    'order',
  )) as { code: string };
  const expense = (await ok(
    ownerA.post(`${A}/cash-book/expenses`, { account: '5202', amount: 15_000, paidWith: 'cash', memo: 'ongkir', idempotencyKey: key() }),
    'expense',
  )) as { entryId: string };
  await ok(
    ownerA.request(`${A}/cash-book/credit-purchases`, {
      method: 'POST',
      json: { account: '5204', amount: 75_000, supplierName: 'Toko Kemasan', dueDate: '2099-01-31' },
      headers: { 'idempotency-key': key() },
    }),
    'credit purchase',
  );
  const products = (await ok(ownerA.get(`${A}/products`), 'products')) as { products: { id: string; name: string }[] };
  const fd = new FormData();
  fd.append('marketplace', 'shopee');
  fd.append(
    'file',
    new Blob(
      [
        'Order ID,Order Status,Product Name,Variation Name,SKU Reference No.,Deal Price,Quantity,Commission Fee,Service Fee,Transaction Fee\n' +
          `SEC-1,Completed,${products.products[0]!.name},,,25000,2,2500,1000,500\n`,
      ],
      { type: 'text/csv' },
    ),
    'shopee.csv',
  );
  const run = (await ok(ownerA.request(`${A}/imports`, { method: 'POST', body: fd }), 'import preview')) as { id: string };

  const shopA = (await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow()).id;
  const shopB = (await db().selectFrom('shops').select('id').where('slug', '=', 'roti-balang').executeTakeFirstOrThrow()).id;
  const first = async (table: 'designs' | 'product_label_facts' | 'ledger_debts', column: 'id' | 'product_id') => {
    const row = (await db()
      .selectFrom(table)
      .select(column as never)
      .where('shop_id', '=', shopA)
      .executeTakeFirst()) as Record<string, string> | undefined;
    if (!row) throw new Error(`fixture: no ${table} row in shop A`);
    return String(row[column]);
  };
  const photo = (await db()
    .selectFrom('product_photos')
    .select(['product_id', 'media_id'])
    .where('shop_id', '=', shopA)
    .executeTakeFirstOrThrow()) as { product_id: string; media_id: string };
  const staffUser = await db()
    .selectFrom('shop_members')
    .innerJoin('users', 'users.id', 'shop_members.user_id')
    .select('users.id')
    .where('shop_members.shop_id', '=', shopA)
    .where('users.email', '=', 'staf@hk05.test')
    .executeTakeFirstOrThrow();
  const idsA: Record<string, string> = {
    code: placed.code,
    id: photo.product_id,
    mediaId: photo.media_id,
    designId: await first('designs', 'id'),
    productId: await first('product_label_facts', 'product_id'),
    entryId: expense.entryId,
    debtId: await first('ledger_debts', 'id'),
    importId: run.id,
    userId: staffUser.id,
    report: 'profit-loss',
  };
  return { server, ownerA, staffA, ownerB, staffB, officer, shopA, shopB, idsA, close };
}
