import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

let server: TestServer;
let owner: Client;
let staff: Client;
let otherOwner: Client;
let productIds: Record<string, string>;
let shopId: string;
beforeAll(async () => {
  server = await startServer();
  owner = new Client(server.url);
  staff = new Client(server.url);
  otherOwner = new Client(server.url);
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
  await otherOwner.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
  const html = await (await new Client(server.url).get('/hk05')).text();
  productIds = Object.fromEntries(
    [...html.matchAll(/data-product="([a-z0-9-]+)"[\s\S]*?name="productId" value="([a-z0-9]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  shopId = /data-cc="cc_([a-z0-9]+)"/.exec(html)![1]!;
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const text = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The checkout lands on the order page; its "Kirim ke WhatsApp" button carries the pre-filled message. */
async function waUrl(c: Client, location: string | null): Promise<URL> {
  expect(location).toMatch(/^\/hk05\/pesanan\/HK05-[A-Z0-9]{4}\/[a-z2-7]{32}$/);
  const html = await (await c.get(location!)).text();
  const button = /<a [^>]*data-send-whatsapp[^>]*>/.exec(html)![0];
  const u = new URL(/href="([^"]+)"/.exec(button)![1]!.replace(/&amp;/g, '&'));
  expect(u.origin).toBe('https://wa.me');
  return u;
}

async function waMessage(c: Client, location: string | null): Promise<string> {
  return (await waUrl(c, location)).searchParams.get('text')!;
}

async function fillCart(c: Client, items: [string, number][]) {
  for (const [slug, q] of items) {
    const r = await c.form('/hk05/keranjang', { productId: productIds[slug]!, quantity: String(q), returnTo: '/hk05' });
    expect(r.status).toBe(303);
  }
}

async function checkout(c: Client, fields: Record<string, string> = {}) {
  const page = await (await c.get('/hk05/checkout')).text();
  const key = /name="idempotencyKey" value="([a-z0-9]+)"/.exec(page)?.[1] ?? '';
  return c.form('/hk05/checkout', {
    customerName: 'Ibu Sitti',
    customerPhone: '0852-4000-1234',
    delivery: 'pickup',
    destination: '',
    address: '',
    notes: '',
    payment: 'whatsapp',
    idempotencyKey: key,
    ...fields,
  });
}

async function orderCount(status?: string) {
  const r = await owner.get(`/api/v1/shops/hk05/orders${status ? `?status=${status}` : ''}`);
  return ((await r.json()) as { orders: unknown[] }).orders.length;
}

describe(`cart without JavaScript (${dbName})`, () => {
  it('adds, updates and removes with plain form posts and redirects back', async () => {
    const c = new Client(server.url);
    const add = await c.form('/hk05/keranjang', { productId: productIds['telur-asin-bakar-isi-10']!, quantity: '2', returnTo: '/hk05' });
    expect(add.status).toBe(303);
    const added = productIds['telur-asin-bakar-isi-10']!;
    expect(add.headers.get('location')).toBe(`/hk05?ditambah=${added}#p-${added}`);
    const cookies = add.headers.getSetCookie();
    expect(cookies.find((x) => x.startsWith(`ct_${shopId}=`))).toMatch(/HttpOnly/i);
    expect(cookies.find((x) => x.startsWith(`cc_${shopId}=2`))).not.toMatch(/HttpOnly/i);
    await fillCart(c, [['telur-asin-rebus-isi-6', 1]]);
    expect(c.cookies.get(`cc_${shopId}`)).toBe('3');
    let page = text(await (await c.get('/hk05/keranjang')).text());
    expect(page).toContain('Telur Asin Bakar isi 10');
    expect(page).toContain('(3 barang)');
    expect(page).toContain('Rp 89.000');
    const set = await c.form('/hk05/keranjang', {
      productId: productIds['telur-asin-bakar-isi-10']!,
      quantity: '4',
      action: 'set',
      returnTo: '/hk05/keranjang',
    });
    expect(set.headers.get('location')).toBe('/hk05/keranjang');
    page = text(await (await c.get('/hk05/keranjang')).text());
    expect(page).toContain('Rp 159.000');
    expect(page).toContain('(5 barang)');
    await c.form('/hk05/keranjang', { productId: productIds['telur-asin-bakar-isi-10']!, action: 'remove' });
    page = text(await (await c.get('/hk05/keranjang')).text());
    expect(page).not.toContain('Telur Asin Bakar isi 10');
    expect(page).toContain('Rp 19.000');
    expect(c.cookies.get(`cc_${shopId}`)).toBe('1');
  });

  it("never redirects off-site, explains bad input in the visitor's language, answers JSON to the island", async () => {
    const c = new Client(server.url);
    for (const evil of ['https://evil.example/x', '//evil.example', '/\\evil.example']) {
      const r = await c.form('/hk05/keranjang', { productId: productIds['telur-asin-bakar-satuan']!, quantity: '1', returnTo: evil });
      expect(r.headers.get('location')).toBe('/hk05/keranjang');
    }
    const bad = await c.form('/hk05/keranjang', { productId: productIds['telur-asin-bakar-satuan']!, quantity: '-1' });
    expect(bad.status).toBe(400);
    expect(text(await bad.text())).toContain('Jumlah harus bilangan bulat lebih dari nol.');
    const foreign = await c.form('/hk05/keranjang', { productId: 'zzzzzzzzzzzzzzzz', quantity: '1' });
    expect(foreign.status).toBe(400);
    expect(text(await foreign.text())).toContain('Produk ini tidak tersedia.');
    const en = new Client(server.url, { lang: 'en' });
    const over = await en.form('/hk05/keranjang', { productId: productIds['telur-asin-rebus-isi-6']!, quantity: '999' });
    expect(over.status).toBe(400);
    expect(text(await over.text())).toMatch(/Only \d+ of Telur Asin Rebus isi 6 left/);
    const j = await c.request('/hk05/keranjang', {
      method: 'POST',
      form: { productId: productIds['telur-asin-bakar-satuan']!, quantity: '2', action: 'set' },
      headers: { accept: 'application/json' },
    });
    expect(j.status).toBe(200);
    expect(await j.json()).toMatchObject({ count: 2, subtotalText: 'Rp 8.000', lines: [{ quantity: 2, lineTotalText: 'Rp 8.000' }] });
    const je = await c.request('/hk05/keranjang', {
      method: 'POST',
      form: { productId: productIds['telur-asin-bakar-satuan']!, quantity: 'x' },
      headers: { accept: 'application/json' },
    });
    expect(je.status).toBe(400);
    expect(((await je.json()) as { error: { message: string } }).error.message).toBeTruthy();
  });
});

describe(`checkout and order via WhatsApp (${dbName})`, () => {
  it('places the cart as an order, lands on the order page with the wa.me message, and the status link shows the order', async () => {
    const c = new Client(server.url);
    await fillCart(c, [
      ['telur-asin-bakar-isi-10', 1],
      ['telur-asin-bakar-satuan', 5],
    ]);
    const before = await orderCount();
    const page = await (await c.get('/hk05/checkout')).text();
    expect(page).toContain('Kota Makassar');
    expect(page).toContain('Kab. Gowa');
    const key = /name="idempotencyKey" value="([a-z0-9]+)"/.exec(page)![1]!;
    const fields = {
      customerName: '<script>alert(1)</script> Sitti',
      customerPhone: '0852 4000 1234',
      delivery: 'courier',
      destination: '7371',
      address: 'Jl. Veteran <b>No. 1</b>',
      notes: 'Pagi & cepat #1',
      payment: 'whatsapp',
      idempotencyKey: key,
    };
    const r = await c.form('/hk05/checkout', fields);
    expect(r.status).toBe(303);
    const msg = await waMessage(c, r.headers.get('location'));
    expect(msg).toContain('1. Telur Asin Bakar isi 10 × 1 @ Rp 35.000 = Rp 35.000');
    expect(msg).toContain('2. Telur Asin Bakar satuan × 5 @ Rp 4.000 = Rp 20.000');
    expect(msg).toContain('Tujuan: Kota Makassar');
    expect(msg).toContain('Catatan: Pagi & cepat #1');
    expect(msg).toContain('Total: Rp 55.000');
    expect((await waUrl(c, r.headers.get('location'))).pathname).toBe('/6281243210005');
    const statusUrl = /Status pesanan: (\S+)/.exec(msg)![1]!;
    const code = /Kode pesanan: (HK05-[A-Z0-9]{4})/.exec(msg)![1]!;
    expect(c.cookies.get(`cc_${shopId}`)).toBe('0');
    expect(await orderCount()).toBe(before + 1);
    // A double tap (same form, same key) answers the same, places nothing more.
    const again = await c.form('/hk05/checkout', fields);
    expect(again.headers.get('location')).toBe(r.headers.get('location'));
    expect(await orderCount()).toBe(before + 1);

    const path = new URL(statusUrl).pathname;
    const status = await c.get(path);
    expect(status.status).toBe(200);
    expect(status.headers.get('referrer-policy')).toBe('same-origin');
    expect(status.headers.get('cache-control')).toContain('no-store');
    const html = await status.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(/data-order-total[^>]*>([^<]+)</.exec(html)![1]).toBe('Rp 55.000');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Sitti');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>No. 1</b>');
    expect(text(html)).toContain('Menunggu konfirmasi');
    // The code alone, or with a wrong token, reveals nothing.
    const token = path.split('/').pop()!;
    for (const p of [
      `/hk05/pesanan/${code}`,
      `/hk05/pesanan/${code}/${'a'.repeat(32)}`,
      `/hk05/pesanan/${code}/x`,
      `/roti-balang/pesanan/${code}/${token}`,
    ]) {
      const n = await c.get(p);
      expect(n.status, p).toBe(404);
      expect(await n.text()).not.toContain('Sitti');
    }
    expect((await c.get(`/api/v1/shops/hk05/orders/${code}`)).status).toBe(404);
    const api = await c.get(`/api/v1/shops/hk05/orders/${code}?token=${token}`);
    expect(api.status).toBe(200);
    const body = (await api.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code,
      status: 'pending',
      total: 55000,
      customerName: '<script>alert(1)</script> Sitti',
      delivery: { method: 'courier', destination: '7371' },
    });
    expect(JSON.stringify(body)).not.toMatch(/access_token|token_box|idempotency|unit_cost|"id"/);
  });

  it('refuses bad checkout input with messages and writes nothing', async () => {
    const c = new Client(server.url);
    await fillCart(c, [['telur-asin-bakar-satuan', 1]]);
    const before = await orderCount();
    const noDest = await checkout(c, { delivery: 'courier' });
    expect(noDest.status).toBe(400);
    expect(text(await noDest.text())).toContain('Pilih kabupaten/kota tujuan untuk pengantaran atau pengiriman.');
    const phone = await checkout(c, { customerPhone: '12345' });
    expect(phone.status).toBe(400);
    expect(text(await phone.text())).toContain('Nomor HP Indonesia tidak valid');
    const pay = await checkout(c, { payment: 'bitcoin' });
    expect(pay.status).toBe(400);
    const transfer = await checkout(c, { payment: 'transfer' });
    expect(transfer.status).toBe(400);
    expect(text(await transfer.text())).toContain('Cara bayar ini tidak tersedia di toko ini.');
    const local = await checkout(c, { delivery: 'local', destination: '7306' });
    expect(local.status).toBe(400);
    const empty = await checkout(new Client(server.url));
    expect(empty.status).toBe(400);
    expect(await orderCount()).toBe(before);
    expect(c.cookies.get(`cc_${shopId}`)).toBe('1'); // the cart is still there
  });

  it("places orders through the public API, idempotently, with errors in the caller's language", async () => {
    const c = new Client(server.url, { lang: 'en' });
    const body = {
      items: [
        { product: 'telur-asin-bakar-satuan', quantity: 2, price: 1 },
        { productId: productIds['telur-asin-rebus-isi-6'], quantity: 1 },
      ],
      customerName: 'Andi',
      customerPhone: '+62 813 1111 2222',
      delivery: 'pickup',
      payment: 'whatsapp',
    };
    const a = await c.request('/api/v1/shops/hk05/orders', {
      method: 'POST',
      json: body,
      headers: { 'idempotency-key': 'api-key-00000001' },
    });
    expect(a.status).toBe(201);
    const ja = (await a.json()) as { code: string; total: number; statusUrl: string; whatsappUrl: string };
    expect(ja.total).toBe(2 * 4000 + 19000);
    expect(ja.whatsappUrl).toMatch(/^https:\/\/wa\.me\/6281243210005\?text=/);
    const b = await c.request('/api/v1/shops/hk05/orders', {
      method: 'POST',
      json: body,
      headers: { 'idempotency-key': 'api-key-00000001' },
    });
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.json()).toEqual(ja);
    const bad = await c.post('/api/v1/shops/hk05/orders', {
      ...body,
      items: [{ product: 'roti-pisang', quantity: 0 }],
      delivery: 'courier',
    });
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(err.error.fields['items.0.quantity']).toEqual(['Quantity must be a whole number above zero.']);
    expect(err.error.fields.destination).toEqual(['Choose the destination regency/city for delivery or shipping.']);
    const foreign = await c.post('/api/v1/shops/hk05/orders', { ...body, items: [{ product: 'roti-pisang', quantity: 1 }] });
    expect(((await foreign.json()) as { error: { fields: Record<string, string[]> } }).error.fields['items.0.product']).toEqual([
      'This product is not available.',
    ]);
    expect((await c.post('/api/v1/shops/nope/orders', body)).status).toBe(404);
    const status = await c.get(
      `${new URL(ja.statusUrl).pathname.replace(/^\/hk05\/pesanan\/([^/]+)\/(.+)$/, '/api/v1/shops/hk05/orders/$1?token=$2')}`,
    );
    expect(status.status).toBe(200);
  });
});

describe(`payments, QRIS and receipts (${dbName})`, () => {
  const qrisPng = () =>
    sharp({ create: { width: 400, height: 400, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 120, height: 120, channels: 3, background: '#000000' } }, left: 20, top: 20 }])
      .png()
      .toBuffer();
  const settingsForm = async (fields: Record<string, string>, file?: Buffer) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    if (file) fd.append('qris', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'qris.png');
    return fd;
  };
  const auditActions = async () =>
    ((await (await owner.get('/api/v1/shops/hk05/audit')).json()) as { events: { action: string; details: string }[] }).events.filter(
      (e) => e.action === 'payments.updated',
    );

  it('guards the money settings: owner only, password re-entered, audited with the number masked', async () => {
    for (const [c, want] of [
      [staff, 403],
      [otherOwner, 404],
    ] as const) {
      expect((await c.get('/dashboard/hk05/pembayaran')).status).toBe(want);
      const r = await c.request('/dashboard/hk05/pembayaran', {
        method: 'POST',
        body: await settingsForm({
          bankName: 'X',
          bankAccountNumber: '999999',
          bankAccountHolder: 'X',
          acceptTransfer: '1',
          password: DEMO_PASSWORD,
        }),
      });
      expect(r.status).toBe(want);
    }
    const anon = await new Client(server.url).get('/dashboard/hk05/pembayaran');
    expect(anon.status).toBe(303);
    const fields = {
      bankName: 'BRI',
      bankAccountNumber: '0123 4567 8901 234',
      bankAccountHolder: 'Hj. Kasma',
      acceptWhatsapp: '1',
      acceptTransfer: '1',
    };
    const wrong = await owner.request('/dashboard/hk05/pembayaran', {
      method: 'POST',
      body: await settingsForm({ ...fields, password: 'bukan-sandinya' }, await qrisPng()),
    });
    expect(wrong.status).toBe(400);
    expect(text(await wrong.text())).toContain('Kata sandi salah. Tidak ada yang disimpan.');
    expect(await auditActions()).toEqual([]);
    expect(text(await (await owner.get('/dashboard/hk05/pembayaran')).text())).toContain('Belum ada QRIS.');
    const ok = await owner.request('/dashboard/hk05/pembayaran', {
      method: 'POST',
      body: await settingsForm({ ...fields, password: DEMO_PASSWORD }, await qrisPng()),
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/dashboard/hk05/pembayaran?ok=saved');
    const audits = await auditActions();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toContain('****1234');
    expect(audits[0]!.details).not.toContain('012345678901234');
    const preview = await owner.get('/dashboard/hk05/pembayaran/qris/320.png');
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect((await staff.get('/dashboard/hk05/pembayaran/qris/320.png')).status).toBe(403);
  });

  it('a transfer order shows bank details and the QRIS (token-checked, downloadable), takes a receipt the shop can view', async () => {
    const c = new Client(server.url);
    await fillCart(c, [['telur-asin-bakar-isi-10', 2]]);
    const r = await checkout(c, { payment: 'transfer' });
    expect(r.status).toBe(303);
    const statusPath = new URL(/Status pesanan: (\S+)/.exec(await waMessage(c, r.headers.get('location')))![1]!).pathname;
    const code = statusPath.split('/')[3]!;
    const html = await (await c.get(statusPath)).text();
    const t = text(html);
    expect(t).toContain('Jumlah yang dibayar: Rp 70.000');
    expect(t).toContain('012345678901234');
    expect(t).toContain('Hj. Kasma');
    expect(html).toContain(`${statusPath}/qris/640.png`);
    const img = await c.get(`${statusPath}/qris/640.png`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    const dl = await c.get(`${statusPath}/qris/1280.png?unduh=1`);
    expect(dl.headers.get('content-disposition')).toBe('attachment; filename="QRIS-hk05.png"');
    expect((await c.get(`${statusPath.replace(/[^/]+$/, 'a'.repeat(32))}/qris/640.png`)).status).toBe(404);

    const receipt = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#e0f0ff' } })
      .jpeg()
      .toBuffer();
    const fd = new FormData();
    fd.append('receipt', new Blob([new Uint8Array(receipt)], { type: 'image/jpeg' }), 'bukti.jpg');
    const up = await c.request(statusPath, { method: 'POST', body: fd });
    expect(up.status).toBe(303);
    expect(up.headers.get('location')).toBe(`${statusPath}?bukti=1`);
    expect(text(await (await c.get(`${statusPath}?bukti=1`)).text())).toContain('Bukti transfer diterima.');
    const notImage = new FormData();
    notImage.append('receipt', new Blob(['<script>alert(1)</script>'], { type: 'image/jpeg' }), 'x.jpg');
    const badUp = await c.request(statusPath, { method: 'POST', body: notImage });
    expect(badUp.status).toBe(400);
    const wrongToken = await c.request(statusPath.replace(/[^/]+$/, 'b'.repeat(32)), { method: 'POST', body: fd });
    expect(wrongToken.status).toBe(404);

    const detail = await owner.get(`/dashboard/hk05/pesanan/${code}`);
    const dh = await detail.text();
    expect(dh).toContain(`/dashboard/hk05/pesanan/${code}/bukti/640.jpg`);
    expect(text(dh)).toContain('Bukti transfer diunggah');
    expect((await owner.get(`/dashboard/hk05/pesanan/${code}/bukti/640.jpg`)).headers.get('content-type')).toBe('image/jpeg');
    expect((await staff.get(`/dashboard/hk05/pesanan/${code}/bukti/640.jpg`)).status).toBe(200);
    expect((await otherOwner.get(`/dashboard/hk05/pesanan/${code}/bukti/640.jpg`)).status).toBe(404);
    expect((await new Client(server.url).get(`/dashboard/hk05/pesanan/${code}/bukti/640.jpg`)).status).toBe(401);
  });
});

describe(`merchant dashboard and transitions (${dbName})`, () => {
  async function newOrder() {
    const c = new Client(server.url);
    const r = await c.post('/api/v1/shops/hk05/orders', {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
      customerName: 'Pak Rudi',
      customerPhone: '0811 4444 5555',
      delivery: 'pickup',
      payment: 'whatsapp',
    });
    return (await r.json()) as { code: string; statusUrl: string };
  }

  it('lists orders with the pending count, and moves them through the API and the dashboard forms', async () => {
    const o = await newOrder();
    const count = (await (await staff.get('/api/v1/shops/hk05/orders/pending-count')).json()) as {
      count: number;
      latest: { code: string };
    };
    expect(count.count).toBeGreaterThanOrEqual(1);
    expect(count.latest.code).toBe(o.code);
    const list = text(await (await owner.get('/dashboard/hk05/pesanan?status=pending')).text());
    expect(list).toContain(o.code);
    expect(list).toContain('Pak Rudi');
    expect(list).toMatch(/WITA/);
    const tabs = await (await owner.get('/dashboard/hk05')).text();
    expect(tabs).toMatch(new RegExp(`data-pending-badge[^>]*><span aria-hidden="true" data-count[^>]*>${count.count}<`));

    const move = (c: Client, to: string) => c.post(`/api/v1/shops/hk05/orders/${o.code}/transitions`, { to });
    expect((await move(otherOwner, 'confirmed')).status).toBe(404);
    expect((await move(new Client(server.url), 'confirmed')).status).toBe(401);
    expect((await move(owner, 'expired')).status).toBe(400);
    const c1 = await move(staff, 'confirmed');
    expect(await c1.json()).toEqual({ code: o.code, status: 'confirmed', changed: true });
    expect(await (await move(staff, 'confirmed')).json()).toMatchObject({ changed: false });
    const bad = await move(owner, 'fulfilled');
    expect(bad.status).toBe(409);
    // The dashboard form: mark paid, then fulfil.
    const paid = await owner.form(`/dashboard/hk05/pesanan/${o.code}`, { action: 'transition', to: 'paid' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`/dashboard/hk05/pesanan/${o.code}?ok=paid`);
    const refused = await owner.form(`/dashboard/hk05/pesanan/${o.code}`, { action: 'transition', to: 'confirmed' });
    expect(refused.status).toBe(409);
    await owner.form(`/dashboard/hk05/pesanan/${o.code.toLowerCase()}`, { action: 'transition', to: 'fulfilled' });
    const detail = text(await (await owner.get(`/dashboard/hk05/pesanan/${o.code}`)).text());
    expect(detail).toContain('Selesai');
    expect(detail).toContain('Rina (staf HK05)'); // who confirmed
    expect(detail).toContain('Hj. Kasma (HK05)'); // who marked it paid
    expect(detail).toContain('Status pesanan ini sudah final.');
    // The customer sees the history, never who at the shop did it.
    const customer = text(await (await new Client(server.url).get(new URL(o.statusUrl).pathname)).text());
    expect(customer).toContain('Dikonfirmasi penjual');
    expect(customer).not.toContain('Rina');
    expect((await otherOwner.get(`/dashboard/hk05/pesanan/${o.code}`)).status).toBe(404);
    expect((await owner.get('/dashboard/hk05/pesanan/HK05-ZZZZ')).status).toBe(404);
  });

  it('issues a new status link with a wa.me message to the customer; the old link stops working', async () => {
    const o = await newOrder();
    const r = await owner.form(`/dashboard/hk05/pesanan/${o.code}`, { action: 'regenerate' });
    expect(r.status).toBe(200);
    const html = await r.text();
    const url = /data-testid="status-url"[^>]*>([^<]+)</.exec(html)![1]!;
    expect(url).not.toBe(o.statusUrl);
    // The status link's own WhatsApp button (the page also has "Chat pembeli" to the same number).
    const wa = /href="(https:\/\/wa\.me\/6281144445555\?text=[^"]+)"[^>]*data-testid="status-whatsapp"/
      .exec(html)![1]!
      .replace(/&amp;/g, '&');
    expect(new URL(wa).searchParams.get('text')).toBe(
      `Halo Pak Rudi, ini tautan status pesanan ${o.code} di HK05 Telur Asin Bakar: ${url}`,
    );
    expect((await new Client(server.url).get(new URL(o.statusUrl).pathname)).status).toBe(404);
    expect((await new Client(server.url).get(new URL(url).pathname)).status).toBe(200);
  });

  it('rate-limits order placement per IP before reading the request (last: it blocks this IP)', async () => {
    const c = new Client(server.url);
    let status = 0;
    for (let i = 0; i < 101 && status !== 429; i++)
      status = (
        await c.request('/api/v1/shops/hk05/orders', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })
      ).status;
    expect(status).toBe(429);
    const form = await checkout(c);
    expect(form.status).toBe(429);
    expect(text(await form.text())).toContain('Terlalu banyak percobaan');
  });
});
