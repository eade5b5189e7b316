import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { shopIdOf } from '../helpers/orders.ts';
import { closeDb } from '#server/db/index.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { resetConfig } from '#server/config.ts';

/** Issue 10: the marketplace import API and page through the built server (upload, preview, map, commit, progress). */
let server: TestServer;
let owner: Client;
let staff: Client;
let otherOwner: Client;
let hk05: string;
let product: { id: string; name: string };
beforeAll(async () => {
  server = await startServer();
  Object.assign(process.env, server.db.env);
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  owner = new Client(server.url, { lang: 'en' });
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  staff = new Client(server.url);
  await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
  otherOwner = new Client(server.url);
  await otherOwner.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
  hk05 = await shopIdOf('hk05');
  product = await db()
    .selectFrom('products')
    .select(['id', 'name'])
    .where('shop_id', '=', hk05)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('product_variants').select('id').whereRef('product_variants.product_id', '=', 'products.id'))),
    )
    .orderBy('name')
    .executeTakeFirstOrThrow();
}, 900_000);
afterAll(async () => {
  await closeDb();
  await server?.stop();
});

const HEADER =
  'Order ID,Order Status,Product Name,Variation Name,SKU Reference No.,Deal Price,Quantity,Commission Fee,Service Fee,Transaction Fee';
function exportFile(prefix: string): string {
  return [
    HEADER,
    `${prefix}-1,Completed,${product.name},,,25000,2,2500,1000,500`, // line 2
    `${prefix}-2,Completed,Teh Misterius ${prefix},,,15000,1,1500,0,0`, // line 3: unmatched until mapped
    `${prefix}-3,Completed,${product.name},,,25000,dua,0,0,0`, // line 4: malformed quantity
  ].join('\n');
}

function upload(c: Client, slug: string, text: string, name = 'shopee.csv'): Promise<Response> {
  const fd = new FormData();
  fd.append('marketplace', 'shopee');
  fd.append('file', new Blob([text], { type: 'text/csv' }), name);
  return c.request(`/api/v1/shops/${slug}/imports`, { method: 'POST', body: fd });
}

interface Run {
  id: string;
  status: string;
  progress: { percent: number };
  preview: {
    totals: { orders: number; lines: number; gross: number; fees: number; net: number };
    badRows: { line: number; reason: string; message: string }[];
    unmatched: { key: string }[];
  };
  result: { orders: { created: number } } | null;
}

/** Waits for the background commit to end by polling its API (no fixed sleep decides the outcome). */
async function settled(c: Client, id: string): Promise<Run> {
  for (;;) {
    const res = await c.request(`/api/v1/shops/hk05/imports/${id}`);
    expect(res.status).toBe(200);
    const run = (await res.json()) as Run;
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const marketplaceOrders = async () =>
  Number(
    (
      await db()
        .selectFrom('marketplace_orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shop_id', '=', hk05)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`marketplace import over HTTP (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('staff preview an upload (no cost in the answer), map the unmatched line, commit once, and see the orders in the inbox', async () => {
    const before = await marketplaceOrders();
    const res = await upload(staff, 'hk05', exportFile('HTTP'));
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text.toLowerCase()).not.toContain('cost');
    const run = JSON.parse(text) as Run;
    expect(run.status).toBe('previewed');
    expect(run.preview.totals).toEqual({ orders: 1, lines: 1, gross: 50000, fees: 4000, net: 46000 });
    expect(run.preview.badRows).toEqual([
      { line: 4, reason: 'imports.rowBadQuantity', message: 'Jumlah harus bilangan bulat 1 atau lebih.' },
    ]);
    expect(run.preview.unmatched.map((u) => u.key)).toEqual(['name:teh misterius http|']);
    expect(await marketplaceOrders()).toBe(before);

    // Someone else's shop: the preview id is not theirs, so it does not exist for them.
    expect((await otherOwner.request(`/api/v1/shops/roti-balang/imports/${run.id}`)).status).toBe(404);
    expect((await otherOwner.request(`/api/v1/shops/roti-balang/imports/${run.id}/commit`, { method: 'POST' })).status).toBe(404);

    const mapped = await staff.request('/api/v1/shops/hk05/import-product-maps', {
      method: 'POST',
      json: { marketplace: 'shopee', key: run.preview.unmatched[0]!.key, productId: product.id },
    });
    expect(mapped.status).toBe(201);

    const started = await staff.request(`/api/v1/shops/hk05/imports/${run.id}/commit`, { method: 'POST' });
    expect(started.status).toBe(202);
    expect(((await started.json()) as Run).status).toBe('running');
    const again = await staff.request(`/api/v1/shops/hk05/imports/${run.id}/commit`, { method: 'POST' });
    expect(again.status).toBe(409);
    const done = await settled(staff, run.id);
    expect(done.status).toBe('done');
    expect(done.progress.percent).toBe(100);
    expect(done.result?.orders.created).toBe(2);
    expect(await marketplaceOrders()).toBe(before + 2);

    const inbox = await owner.request('/api/v1/shops/hk05/orders?channel=marketplace');
    expect(inbox.status).toBe(200);
    const listed = ((await inbox.json()) as { orders: { total: number; status: string }[] }).orders;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ total: 50000, status: 'fulfilled' }),
        expect.objectContaining({ total: 15000, status: 'fulfilled' }),
      ]),
    );

    // The same file again changes nothing.
    const second = (await (await upload(staff, 'hk05', exportFile('HTTP'))).json()) as Run;
    expect(second.preview.totals.orders).toBe(0);
    await staff.request(`/api/v1/shops/hk05/imports/${second.id}/commit`, { method: 'POST' });
    expect((await settled(staff, second.id)).result?.orders.created).toBe(0);
    expect(await marketplaceOrders()).toBe(before + 2);
  });

  it('refuses a file without the needed columns in the caller’s language, and keeps column mappings per shop', async () => {
    const bad = await upload(owner, 'hk05', 'Foo,Bar\n1,2\n');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('not recognised');
    const columns = { orderId: 'No', quantity: 'Qty', name: 'Barang', unitPrice: 'Harga' };
    const put = await owner.request('/api/v1/shops/hk05/import-mappings', { method: 'PUT', json: { name: 'Buku kas', columns } });
    expect(put.status).toBe(200);
    const list = (await (await staff.request('/api/v1/shops/hk05/import-mappings')).json()) as {
      mappings: { name: string; columns: object }[];
    };
    expect(list.mappings).toContainEqual(expect.objectContaining({ name: 'Buku kas', columns }));
    const other = (await (await otherOwner.request('/api/v1/shops/roti-balang/import-mappings')).json()) as { mappings: unknown[] };
    expect(other.mappings).toEqual([]);
    const fd = new FormData();
    fd.append('marketplace', 'other');
    fd.append('mappingName', 'Buku kas');
    fd.append('file', new Blob([`No,Barang,Qty,Harga\nBK-1,${product.name},3,"10.000"\n`], { type: 'text/csv' }), 'buku.csv');
    const r = (await (await owner.request('/api/v1/shops/hk05/imports', { method: 'POST', body: fd })).json()) as Run;
    expect(r.preview.totals).toMatchObject({ orders: 1, gross: 30000 });
  });

  it('the page uploads without JavaScript, shows the preview with bad rows, and commits', async () => {
    const fd = new FormData();
    fd.append('action', 'upload');
    fd.append('marketplace', 'shopee');
    fd.append('mappingName', '');
    fd.append('file', new Blob([exportFile('PAGE')], { type: 'text/csv' }), 'halaman.csv');
    const posted = await staff.request('/dashboard/hk05/impor', { method: 'POST', body: fd });
    expect(posted.status).toBe(303);
    const at = posted.headers.get('location') ?? '';
    expect(at).toMatch(/\/dashboard\/hk05\/impor\?id=/);
    const html = await (await staff.request(at)).text();
    expect(html).toContain('halaman.csv');
    expect(html).toContain('Jumlah harus bilangan bulat 1 atau lebih.');
    expect(html).toContain('Sisanya tetap bisa diimpor');
    expect(html).not.toMatch(/biaya pokok|unit_cost/i);
    const id = new URL(at, server.url).searchParams.get('id')!;
    const committed = await staff.request('/dashboard/hk05/impor', { method: 'POST', form: { action: 'commit', importId: id } });
    expect(committed.status).toBe(303);
    expect((await settled(staff, id)).status).toBe('done');
    const result = await (await staff.request(`/dashboard/hk05/impor?id=${id}`)).text();
    expect(result).toContain('data-import-result');
    expect(result).toContain('<progress max="100" value="100"');
  });

  it('records a marketplace payout once per key, over the API and from the page form', async () => {
    const bank = async () =>
      Number(
        (
          await db()
            .selectFrom('ledger_totals')
            .select((eb) => eb.fn.sum<number>(eb.ref('debit')).as('d'))
            .where('shop_id', '=', hk05)
            .where('grain', '=', 'a')
            .where('account_code', '=', '1102')
            .executeTakeFirst()
        )?.d ?? 0,
      );
    const before = await bank();
    const body = { marketplace: 'shopee', amount: 46000, idempotencyKey: 'payout-http-0001' };
    const first = await staff.request('/api/v1/shops/hk05/marketplace-payouts', { method: 'POST', json: body });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { recorded: boolean }).recorded).toBe(true);
    const again = await staff.request('/api/v1/shops/hk05/marketplace-payouts', { method: 'POST', json: body });
    expect(((await again.json()) as { recorded: boolean }).recorded).toBe(false);
    expect(await bank()).toBe(before + 46000);
    const bad = await staff.request('/api/v1/shops/hk05/marketplace-payouts', {
      method: 'POST',
      json: { ...body, amount: 0, idempotencyKey: 'payout-http-0002' },
    });
    expect(bad.status).toBe(400);

    const page = await owner.request('/dashboard/hk05/impor', {
      method: 'POST',
      form: {
        action: 'payout',
        marketplace: 'tokopedia_tiktok',
        amount: '15.000',
        date: '',
        paidWith: 'bank',
        idempotencyKey: 'payout-page-0001',
      },
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toContain('ok=payoutSaved');
    expect(await bank()).toBe(before + 46000 + 15000);
  });
});
