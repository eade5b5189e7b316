import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { shopIdOf } from '../helpers/orders.ts';
import { closeDb } from '#server/db/index.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { resetConfig } from '#server/config.ts';

/** Issue 10: the quick sale page's form and the dashboard home's figures, through the built server. */
let server: TestServer;
let owner: Client;
let staff: Client;
let hk05: string;
let product: { id: string; price: number };
let foreignProduct: string;
beforeAll(async () => {
  server = await startServer();
  // This process reads the server's database directly, to check what was (not) written.
  Object.assign(process.env, server.db.env);
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  owner = new Client(server.url, { lang: 'en' });
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  staff = new Client(server.url);
  await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
  hk05 = await shopIdOf('hk05');
  const p = await db()
    .selectFrom('products')
    .select(['id', 'price'])
    .where('shop_id', '=', hk05)
    .where('status', '=', 'published')
    .where('stock', '>=', 20)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('product_variants').select('id').whereRef('product_variants.product_id', '=', 'products.id'))),
    )
    .executeTakeFirstOrThrow();
  product = { id: p.id, price: Number(p.price) };
  const other = await shopIdOf('roti-balang');
  foreignProduct = (await db().selectFrom('products').select('id').where('shop_id', '=', other).executeTakeFirstOrThrow()).id;
}, 900_000);
afterAll(async () => {
  await closeDb();
  await server?.stop();
});

const page = '/dashboard/hk05/jual';
const stockOf = async (id: string) =>
  (await db().selectFrom('products').select('stock').where('shop_id', '=', hk05).where('id', '=', id).executeTakeFirstOrThrow()).stock;
const orderCount = async () =>
  Number(
    (
      await db()
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shop_id', '=', hk05)
        .executeTakeFirstOrThrow()
    ).n,
  );
const sale = (over: Record<string, string> = {}) => ({
  [`qty:${product.id}:`]: '2',
  channel: 'stall',
  payment: 'cash',
  idempotencyKey: `test-${Math.random().toString(36).slice(2)}`,
  ...over,
});

describe('quick sale form (POST /dashboard/[shop]/jual, no JavaScript)', () => {
  it('records a stall sale once however often the same form is sent, and takes the stock once', async () => {
    const before = { stock: await stockOf(product.id), orders: await orderCount() };
    const form = sale();
    const first = await owner.form(page, form);
    expect(first.status).toBe(303);
    const to = first.headers.get('location')!;
    expect(to).toMatch(/^\/dashboard\/hk05\/jual\?ok=/);
    const again = await owner.form(page, form);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(to);
    expect(await orderCount()).toBe(before.orders + 1);
    expect(await stockOf(product.id)).toBe(before.stock! - 2);
    const code = new URL(to, server.url).searchParams.get('ok')!;
    const o = await db()
      .selectFrom('orders')
      .select(['status', 'channel', 'payment_method', 'total'])
      .where('shop_id', '=', hk05)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect({ ...o, total: Number(o.total) }).toEqual({
      status: 'fulfilled',
      channel: 'stall',
      payment_method: 'cash',
      total: 2 * product.price,
    });
    const shown = await (await owner.get(to)).text();
    expect(shown).toContain(code);
  });

  it('keeps a price set by hand and records a credit sale with its receivable', async () => {
    const r = await owner.form(
      page,
      sale({
        [`price:${product.id}:`]: '1.000',
        payment: 'credit',
        channel: 'reseller',
        customerName: 'Daeng Reseller',
        dueDate: '2099-01-31',
      }),
    );
    expect(r.status).toBe(303);
    const code = new URL(r.headers.get('location')!, server.url).searchParams.get('ok')!;
    const o = await db()
      .selectFrom('orders')
      .select(['id', 'total', 'status'])
      .where('shop_id', '=', hk05)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(Number(o.total)).toBe(2000);
    const debt = await db()
      .selectFrom('ledger_debts')
      .select(['amount', 'due_date'])
      .where('shop_id', '=', hk05)
      .where('order_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect({ amount: Number(debt.amount), due: debt.due_date }).toEqual({ amount: 2000, due: '2099-01-31' });
  });

  it('answers bad input with 400 and a message in the reader’s language, writing nothing', async () => {
    const before = { stock: await stockOf(product.id), orders: await orderCount() };
    const badQty = await owner.form(page, sale({ [`qty:${product.id}:`]: 'dua' }));
    expect(badQty.status).toBe(400);
    expect(await badQty.text()).toContain('Quantity must be a whole number above zero.');
    const noDue = await owner.form(page, sale({ payment: 'credit', customerName: 'Daeng' }));
    expect(noDue.status).toBe(400);
    expect(await noDue.text()).toContain('Enter the due date of a sale on credit.');
    const idText = await (await staff.form(page, sale({ payment: 'credit', customerName: 'Daeng' }))).text();
    expect(idText).toContain('Isi tanggal jatuh tempo untuk penjualan kredit.');
    const nothing = await owner.form(page, { channel: 'stall', payment: 'cash', idempotencyKey: 'test-nothing-1' });
    expect(nothing.status).toBe(400);
    const badChannel = await owner.form(page, sale({ channel: 'shopee' }));
    expect(badChannel.status).toBe(400);
    expect(await orderCount()).toBe(before.orders);
    expect(await stockOf(product.id)).toBe(before.stock);
  });

  it("refuses another shop's product and another shop's owner, writing nothing", async () => {
    const before = await orderCount();
    const foreign = await owner.form(page, {
      [`qty:${foreignProduct}:`]: '1',
      channel: 'stall',
      payment: 'cash',
      idempotencyKey: 'test-foreign-1',
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('This product is not available.');
    const stranger = new Client(server.url);
    await stranger.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
    expect((await stranger.form(page, sale())).status).toBe(404);
    expect((await stranger.get(page)).status).toBe(404);
    expect(await orderCount()).toBe(before);
  });

  it('lets staff record a sale; staff see neither cost nor cash on the sale page or the dashboard home', async () => {
    const unitCosts = await db()
      .selectFrom('products')
      .select('unit_cost')
      .where('shop_id', '=', hk05)
      .where('unit_cost', 'is not', null)
      .execute();
    expect(unitCosts.length).toBeGreaterThan(0);
    const r = await staff.form(page, sale());
    expect(r.status).toBe(303);
    const sell = await (await staff.get(r.headers.get('location')!)).text();
    const home = await (await staff.get('/dashboard/hk05')).text();
    for (const html of [sell, home]) {
      expect(html).not.toMatch(/HPP|unit_cost|data-cash|data-receivables/);
    }
    expect(home).toContain('data-sales-month');
    const ownerHome = await (await owner.get('/dashboard/hk05')).text();
    expect(ownerHome).toContain('data-cash');
    expect(ownerHome).toContain('data-receivables');
  });

  it('puts recent items first with a one-tap repeat form', async () => {
    const html = await (await owner.get(page)).text();
    expect(html).toContain(`data-repeat="${product.id}:"`);
    const firstChoice = html.match(/data-choice="([^"]+)"/)![1];
    // The two credit/stall sales above were the latest by hand; their product leads the list.
    expect(firstChoice).toBe(`${product.id}:`);
  });
});
