import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { shopIdOf } from '../helpers/orders.ts';
import { closeDb } from '#server/db/index.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { resetConfig } from '#server/config.ts';

/** Issue 8 items 7 and 8, performed as attacks through HTTP against the built server. */
let server: TestServer;
let owner: Client;
let hk05: string;
beforeAll(async () => {
  server = await startServer({
    // Version memo off, so a bump shows on the very next request.
    env: { TRUST_PROXY: '1', ORDER_HOLD_MAX_UNITS_PER_PHONE: '10', ORDER_HOLD_MAX_UNITS_PER_IP: '14', PAGE_CACHE_VERSION_TTL_MS: '0' },
  });
  // This process reads and writes the server's database directly (to move a hold's end into the past).
  Object.assign(process.env, server.db.env);
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  owner = new Client(server.url, { lang: 'en' });
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  hk05 = await shopIdOf('hk05');
}, 900_000);
afterAll(async () => {
  await closeDb();
  await server?.stop();
});

const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

let ipSeq = 0;
/** Each call looks like a different visitor unless an address is given (TRUST_PROXY=1 reads X-Forwarded-For). */
function order(body: Record<string, unknown>, opts: { ip?: string; key?: string } = {}) {
  const ip = opts.ip ?? `198.51.100.${++ipSeq}`;
  return new Client(server.url).request('/api/v1/shops/hk05/orders', {
    method: 'POST',
    headers: { 'x-forwarded-for': ip, ...(opts.key ? { 'idempotency-key': opts.key } : {}) },
    json: { customerName: 'Daeng Uji', customerPhone: '0852-4000-0001', delivery: 'pickup', payment: 'whatsapp', ...body },
  });
}

describe(`an idempotency key is bound to its request (${dbName})`, () => {
  it('replays the same body, and answers another body with 422 and nothing of the first order', async () => {
    const key = 'bound-key-000000001';
    const body = {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 2 }],
      customerName: 'Ibu Sitti',
      customerPhone: '0852-4000-1111',
    };
    const first = await order(body, { key });
    expect(first.status).toBe(201);
    const placed = (await first.json()) as { code: string; statusUrl: string };

    // Same body, fields in another order and the phone written differently (normalised): a replay.
    const again = await order({ customerPhone: '+6285240001111', customerName: 'Ibu Sitti', items: body.items }, { key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { statusUrl: string }).statusUrl).toBe(placed.statusUrl);

    // The attack: someone else sends the same key with their own order and would read the first customer's link.
    const other = await order(
      { items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }], customerName: 'Orang Lain', customerPhone: '0852-4000-2222' },
      { key },
    );
    expect(other.status).toBe(422);
    const text = await other.text();
    expect(text).not.toContain(placed.code);
    expect(text).not.toContain(placed.statusUrl.split('/').pop()!);
    expect(text).not.toContain('Ibu Sitti');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'unprocessable' } });
    // Nothing was written for the refused request.
    const orders = await db()
      .selectFrom('orders')
      .select('id')
      .where('shop_id', '=', hk05)
      .where('customer_name', '=', 'Orang Lain')
      .execute();
    expect(orders).toHaveLength(0);
  });

  it('the checkout form replays a double submit and refuses the same key with other details', async () => {
    const c = new Client(server.url);
    const html = await (await c.get('/hk05')).text();
    const productId = /data-product="telur-asin-bakar-satuan"[\s\S]*?name="productId" value="([a-z0-9]+)"/.exec(html)![1]!;
    expect((await c.form('/hk05/keranjang', { productId, quantity: '1', returnTo: '/hk05' })).status).toBe(303);
    const page = await (await c.get('/hk05/checkout')).text();
    const key = /name="idempotencyKey" value="([a-z0-9]+)"/.exec(page)![1]!;
    const fields = {
      customerName: 'Ibu Form',
      customerPhone: '0852-4000-3333',
      delivery: 'pickup',
      destination: '',
      address: '',
      notes: '',
      payment: 'whatsapp',
      idempotencyKey: key,
    };
    const first = await c.form('/hk05/checkout', fields);
    expect(first.status).toBe(303);
    const second = await c.form('/hk05/checkout', fields);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const changed = await c.form('/hk05/checkout', { ...fields, customerName: 'Orang Lain' });
    expect(changed.status).toBe(422);
    // Checkout answers with the customer's order page (its status link), where the WhatsApp button waits.
    const [, code, token] = /pesanan\/([^/]+)\/([a-z0-9]+)/.exec(first.headers.get('location')!)!;
    const shown = await changed.text();
    expect(shown).not.toContain(decodeURIComponent(code!));
    expect(shown).not.toContain(token!);
  });
});

describe(`stock cannot be hoarded anonymously (${dbName})`, () => {
  it('caps the units one phone and one address hold at once', async () => {
    // One request for the whole stock of Sambal (15): more than one phone may hold.
    const whole = await order(
      { items: [{ product: 'sambal-telur-asin', quantity: 15 }], customerPhone: '0852-4100-0001' },
      { ip: '203.0.113.7' },
    );
    expect(whole.status).toBe(400);
    expect(((await whole.json()) as { error: { message: string } }).error.message).toContain('10');
    expect(
      (await order({ items: [{ product: 'sambal-telur-asin', quantity: 10 }], customerPhone: '0852-4100-0001' }, { ip: '203.0.113.7' }))
        .status,
    ).toBe(201);
    const more = await order(
      { items: [{ product: 'sambal-telur-asin', quantity: 1 }], customerPhone: '0852-4100-0001' },
      { ip: '203.0.113.8' },
    );
    expect(more.status).toBe(429);
    expect(Number(more.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other phones from the same address: 4 more fit under the address cap of 14, the next does not.
    expect(
      (await order({ items: [{ product: 'sambal-telur-asin', quantity: 4 }], customerPhone: '0852-4100-0002' }, { ip: '203.0.113.7' }))
        .status,
    ).toBe(201);
    expect(
      (await order({ items: [{ product: 'sambal-telur-asin', quantity: 1 }], customerPhone: '0852-4100-0003' }, { ip: '203.0.113.7' }))
        .status,
    ).toBe(429);
    // Someone else can still buy the last one.
    expect((await order({ items: [{ product: 'sambal-telur-asin', quantity: 1 }], customerPhone: '0852-4100-0004' })).status).toBe(201);
  });

  it('a lapsed hold puts the stock back on sale (public pages too); the order stays pending and accepting re-checks stock', async () => {
    const productPage = async () => (await new Client(server.url).get('/hk05/p/telur-itik-segar-isi-10')).text();
    const soldOut = (html: string) => /<button class="btn" type="submit" name="action" value="add" disabled/.test(html);
    expect(soldOut(await productPage())).toBe(false);

    // The attack: one anonymous request for the whole stock (4).
    const hoard = await order({ items: [{ product: 'telur-itik-segar-isi-10', quantity: 4 }], customerPhone: '0852-4200-0001' });
    expect(hoard.status).toBe(201);
    const hoarded = (await hoard.json()) as { code: string };
    expect(soldOut(await productPage())).toBe(true);
    expect((await order({ items: [{ product: 'telur-itik-segar-isi-10', quantity: 1 }], customerPhone: '0852-4200-0002' })).status).toBe(
      400,
    );

    // ORDER_HOLD_MINUTES later (moved into the past here rather than waited for):
    const row = await db()
      .selectFrom('orders')
      .select(['id', 'hold_until'])
      .where('shop_id', '=', hk05)
      .where('code', '=', hoarded.code)
      .executeTakeFirstOrThrow();
    expect(row.hold_until).not.toBeNull();
    await db()
      .updateTable('orders')
      .set({ hold_until: new Date(Date.now() - 1000).toISOString() })
      .where('shop_id', '=', hk05)
      .where('id', '=', row.id)
      .execute();

    const buyer = await order({ items: [{ product: 'telur-itik-segar-isi-10', quantity: 1 }], customerPhone: '0852-4200-0003' });
    expect(buyer.status).toBe(201);
    const bought = (await buyer.json()) as { code: string };
    // The cached product page shows the stock that came back (3 left, not "sold out").
    expect(soldOut(await productPage())).toBe(false);

    const list = (await (await owner.get('/api/v1/shops/hk05/orders?status=pending')).json()) as { orders: { code: string }[] };
    expect(list.orders.map((o) => o.code)).toContain(hoarded.code);
    // Accepting the lapsed order takes its stock again: 4 wanted, 3 left, so the merchant is told, in their language.
    const accept = await owner.post(`/api/v1/shops/hk05/orders/${hoarded.code}/transitions`, { to: 'confirmed' });
    expect(accept.status).toBe(409);
    expect(((await accept.json()) as { error: { message: string } }).error.message).toBe(
      'Only 3 of Telur Itik Segar isi 10 left, not enough for this order (its stock hold has ended). Add stock on the product page or cancel the order.',
    );
    expect((await owner.post(`/api/v1/shops/hk05/orders/${bought.code}/transitions`, { to: 'confirmed' })).status).toBe(200);
    // Cancelling the lapsed order gives nothing back (it holds nothing): 3 stay on sale.
    expect((await owner.post(`/api/v1/shops/hk05/orders/${hoarded.code}/transitions`, { to: 'cancelled' })).status).toBe(200);
    const stock = await db()
      .selectFrom('products')
      .select('stock')
      .where('shop_id', '=', hk05)
      .where('slug', '=', 'telur-itik-segar-isi-10')
      .executeTakeFirstOrThrow();
    expect(stock.stock).toBe(3);
  });
});
