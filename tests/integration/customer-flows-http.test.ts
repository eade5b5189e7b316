import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { decodeEntities, tags, text } from '../helpers/html.ts';

/** Issue 11, customer items 1-4, as a phone without JavaScript sees them: plain GETs and form posts. */
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
let productIds: Record<string, string>;
let shopId: string;
beforeAll(async () => {
  server = await startServer();
  const html = await (await new Client(server.url).get('/hk05')).text();
  productIds = Object.fromEntries(
    [...html.matchAll(/data-product="([a-z0-9-]+)"[\s\S]*?name="productId" value="([a-z0-9]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  shopId = /data-cc="cc_([a-z0-9]+)"/.exec(html)![1]!;
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

async function add(c: Client, slug: string, returnTo = '/hk05') {
  return c.form('/hk05/keranjang', { productId: productIds[slug]!, quantity: '1', action: 'add', returnTo });
}

async function checkoutForm(c: Client, fields: Record<string, string>) {
  const page = await (await c.get('/hk05/checkout')).text();
  const key = /name="idempotencyKey" value="([a-z0-9]+)"/.exec(page)![1]!;
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

function endsWithHtml(html: string) {
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
}

describe(`customer flows without JavaScript (${dbName})`, () => {
  it('adding to the cart goes back to the product with a note of what was added', async () => {
    const c = new Client(server.url);
    const id = productIds['telur-asin-bakar-isi-10']!;
    const r = await add(c, 'telur-asin-bakar-isi-10', '/hk05?q=telur');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/hk05?q=telur&ditambah=${id}#p-${id}`);
    const html = await (await c.get(`/hk05?q=telur&ditambah=${id}`)).text();
    const card = html.slice(html.indexOf(`id="p-${id}"`));
    expect(text(card.slice(0, card.indexOf('</li>')))).toContain('Ditambahkan ke keranjang: Telur Asin Bakar isi 10 · Lihat keranjang');
    // Only that card says so, and the plain catalog (cached for everyone) says nothing.
    expect(html.match(/Ditambahkan ke keranjang/g)).toHaveLength(1);
    expect(await (await c.get('/hk05?q=telur')).text()).not.toContain('Ditambahkan ke keranjang');
    expect(html).toContain('<link rel="canonical" href="http://127.0.0.1');
    expect(/<link rel="canonical" href="([^"]+)"/.exec(html)![1]).not.toContain('ditambah');

    const p = await add(c, 'sambal-telur-asin', '/hk05/p/sambal-telur-asin');
    const sambal = productIds['sambal-telur-asin']!;
    expect(p.headers.get('location')).toBe(`/hk05/p/sambal-telur-asin?ditambah=${sambal}#p-${sambal}`);
    const product = text(await (await c.get(`/hk05/p/sambal-telur-asin?ditambah=${sambal}`)).text());
    expect(product).toContain('Ditambahkan ke keranjang: Sambal Telur Asin');
    // Another product's id in the mark shows nothing on this page.
    expect(text(await (await c.get(`/hk05/p/sambal-telur-asin?ditambah=${id}`)).text())).not.toContain('Ditambahkan');

    // The island's fetch gets the same note in JSON.
    const j = await c.request('/hk05/keranjang', {
      method: 'POST',
      headers: { accept: 'application/json' },
      form: { productId: id, quantity: '1', action: 'add', returnTo: '/hk05' },
    });
    expect(((await j.json()) as { addedText: string; count: number }).addedText).toBe('Ditambahkan ke keranjang: Telur Asin Bakar isi 10');
  });

  it('search forgives spelling ("telor", "sámbel") and an empty result suggests the categories', async () => {
    const c = new Client(server.url);
    const names = async (q: string) =>
      [...(await (await c.get(`/hk05?q=${encodeURIComponent(q)}`)).text()).matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) =>
        decodeEntities(m[1]!),
      );
    expect(await names('telor')).toContain('Telur Asin Bakar isi 10');
    const itik = await names('telor itik');
    expect(itik).toContain('Telur Itik Segar isi 10');
    expect(itik).not.toContain('Sambal Telur Asin');
    expect(await names('sámbel')).toEqual(['Sambal Telur Asin']);
    const none = await (await c.get('/hk05?q=sepatu')).text();
    expect(text(none)).toContain('Coba lihat kategori:');
    expect(tags(none, 'a').map((a) => a.href)).toContain('/hk05?kategori=telur-asin');
    expect(text(await (await new Client(server.url, { lang: 'en' }).get('/hk05?q=sepatu')).text())).toContain('Try a category:');
  });

  it('checkout for pickup ignores the destination; every field error shows at once and typed values stay', async () => {
    const c = new Client(server.url);
    await add(c, 'telur-asin-bakar-satuan');
    const form = await (await c.get('/hk05/checkout')).text();
    endsWithHtml(form);
    expect(form).not.toContain('/dashboard');
    expect(text(form)).toContain('HK05 Telur Asin Bakar');
    expect(form).toContain('data-for-delivery');

    const bad = await checkoutForm(c, {
      customerName: '',
      customerPhone: '12345',
      delivery: 'courier',
      address: 'Jl. Poros Malino No. 7',
      notes: 'Titip di warung & telepon dulu',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const summary = html.slice(html.indexOf('id="error-summary"'), html.indexOf('</div>', html.indexOf('id="error-summary"')));
    const links = tags(summary, 'a').map((a) => a.href);
    expect(links).toEqual(['#f-customerName', '#f-customerPhone', '#f-destination']);
    expect(text(summary)).toContain('Pilih kabupaten/kota tujuan');
    expect(tags(html, 'input').find((i) => i.name === 'customerPhone')).toMatchObject({ value: '12345', 'aria-invalid': 'true' });
    expect(tags(html, 'input').find((i) => i.name === 'delivery' && i.value === 'courier')).toHaveProperty('checked');
    expect(html).toContain('>Jl. Poros Malino No. 7</textarea>');
    expect(html).toContain('>Titip di warung &amp; telepon dulu</textarea>');

    // Pickup: a destination the form still carries (no JavaScript hid it) is ignored, even an unknown one.
    const ok = await checkoutForm(c, { delivery: 'pickup', destination: '9999', address: 'Jl. Lain' });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(/^\/hk05\/pesanan\/HK05-[A-Z0-9]{4}\/[a-z2-7]{32}$/);
    const [, code, token] = /pesanan\/([^/]+)\/(.+)$/.exec(location)!;
    const api = (await (await c.get(`/api/v1/shops/hk05/orders/${code}?token=${token}`)).json()) as { delivery: unknown };
    expect(api.delivery).toMatchObject({ method: 'pickup', destination: null, address: '' });
  });

  it('the order page confirms the order: WhatsApp button, message to copy, status link, what happens next; "my orders" lists it', async () => {
    const c = new Client(server.url);
    await add(c, 'telur-asin-bakar-isi-10');
    const r = await checkoutForm(c, { customerName: 'Daeng Ngai' });
    const location = r.headers.get('location')!;
    const code = location.split('/')[3]!;
    const setCookie = r.headers.getSetCookie().find((s) => s.startsWith(`ro_${shopId}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(decodeURIComponent(setCookie)).not.toContain('Daeng');

    const page = await c.get(location);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    endsWithHtml(html);
    expect(html).not.toContain('/dashboard');
    const send = tags(html, 'a').find((a) => 'data-send-whatsapp' in a)!;
    const wa = new URL(send.href!);
    expect(wa.origin + wa.pathname).toBe('https://wa.me/6281243210005');
    const message = wa.searchParams.get('text')!;
    expect(message).toContain(`Kode pesanan: ${code}`);
    expect(message).toContain('Nama: Daeng Ngai');
    // The same message, readonly, to copy by hand; the copy button waits for JavaScript.
    const area = /<textarea id="wa-message" readonly[^>]*>([\s\S]*?)<\/textarea>/.exec(html)!;
    expect(decodeEntities(area[1]!)).toBe(message);
    expect(tags(html, 'button').find((b) => 'data-copy-button' in b)).toHaveProperty('hidden');
    expect(tags(html, 'input').find((i) => 'data-status-link' in i)!.value).toBe(`${server.url}${location}`);
    const words = text(html);
    expect(words).toContain('Kirim ke WhatsApp');
    expect(words).toContain('Dusun Romang Lompoa, Kec. Bontomarannu, Kab. Gowa');
    expect(words).toContain('Senin–Sabtu: 08:00–17:00');

    const mine = await (await c.get('/hk05/pesanan')).text();
    expect(tags(mine, 'a').map((a) => a.href)).toContain(location);
    expect(text(mine)).toContain(`Pesanan ${code}`);
    // Another device, another shop, or a tampered token: nothing listed.
    expect(await (await new Client(server.url).get('/hk05/pesanan')).text()).not.toContain(code);
    const other = new Client(server.url);
    other.cookies.set(`ro_${shopId}`, c.cookies.get(`ro_${shopId}`)!.replace(/:[a-z2-7]{4}/, ':aaaa'));
    expect(await (await other.get('/hk05/pesanan')).text()).not.toContain(code);
    const roti = await (await c.get('/roti-balang/pesanan')).text();
    expect(roti).not.toContain(code);
    expect(text(roti)).toContain('Belum ada pesanan dari perangkat ini.');

    // The shop header links to it on every shop page, cached ones included.
    expect(tags(await (await new Client(server.url).get('/hk05')).text(), 'a').map((a) => a.href)).toContain('/hk05/pesanan');
  });

  it('the cart keeps the shop header, no merchant links, nothing after </html>', async () => {
    const c = new Client(server.url);
    await add(c, 'telur-asin-bakar-satuan');
    const html = await (await c.get('/hk05/keranjang')).text();
    endsWithHtml(html);
    expect(html).not.toContain('/dashboard');
    expect(html).not.toContain('Dasbor');
    expect(tags(html, 'a').find((a) => a.class === 'id')!.href).toBe('/hk05');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });
  it('?lang=en without the language cookie stays English from the catalog through the cart, checkout and order page', async () => {
    const c = new Client(server.url);
    const id = productIds['telur-asin-bakar-isi-10']!;
    const catalog = await (await c.get('/hk05?lang=en')).text();
    const addForms = tags(catalog, 'form').filter((f) => f.method === 'post');
    expect(addForms.length).toBeGreaterThan(0);
    for (const f of addForms) expect(f.action).toBe('/hk05/keranjang?lang=en');
    expect(tags(catalog, 'a').map((a) => a.href)).toEqual(expect.arrayContaining(['/hk05/keranjang?lang=en', '/hk05/pesanan?lang=en']));

    const added = await c.form('/hk05/keranjang?lang=en', { productId: id, quantity: '1', action: 'add', returnTo: '/hk05?q=telur' });
    expect(added.headers.get('location')).toBe(`/hk05?q=telur&ditambah=${id}&lang=en#p-${id}`);
    const cart = await (await c.get('/hk05/keranjang?lang=en')).text();
    expect(text(cart)).toContain('Proceed to checkout');
    const toCheckout = tags(cart, 'a').find((a) => a.href?.startsWith('/hk05/checkout'))!;
    expect(toCheckout.href).toBe('/hk05/checkout?lang=en');
    for (const f of tags(cart, 'form').filter((f) => f.method === 'post')) expect(f.action).toBe('/hk05/keranjang?lang=en');
    // A change in the cart comes back to the English cart.
    const step = await c.form('/hk05/keranjang?lang=en', { productId: id, quantity: '2', action: 'set', returnTo: '/hk05/keranjang' });
    expect(step.headers.get('location')).toBe('/hk05/keranjang?lang=en');

    const form = await (await c.get(toCheckout.href!)).text();
    expect(text(form)).toContain('Checkout');
    const key = /name="idempotencyKey" value="([a-z0-9]+)"/.exec(form)![1]!;
    const placed = await c.form('/hk05/checkout?lang=en', {
      customerName: 'Mrs Sitti',
      customerPhone: '0852-4000-1235',
      delivery: 'pickup',
      destination: '',
      address: '',
      notes: '',
      payment: 'whatsapp',
      idempotencyKey: key,
    });
    expect(placed.status).toBe(303);
    const location = placed.headers.get('location')!;
    expect(location).toMatch(/^\/hk05\/pesanan\/[^/]+\/[a-z0-9]+\?lang=en$/);
    const order = text(await (await c.get(location)).text());
    expect(order).toContain('Send on WhatsApp');
    expect(order).not.toContain('Kirim ke WhatsApp');
    expect(c.cookies.has('lang')).toBe(false);
    // Without ?lang the same order page is Indonesian: the language came from the link alone.
    expect(text(await (await c.get(location.replace('?lang=en', ''))).text())).toContain('Kirim ke WhatsApp');
  });

  it('a missing shop, product or order link answers the 404 page in the language of the link', async () => {
    const c = new Client(server.url);
    for (const path of ['/hk05/p/tidak-ada', '/toko-tidak-ada', '/hk05/pesanan/HK05-XXXX/token-salah']) {
      const en = await c.get(`${path}?lang=en`);
      expect(en.status, path).toBe(404);
      expect(text(await en.text()), path).toContain('Page or record not found.');
      const id = await c.get(path);
      expect(id.status, path).toBe(404);
      expect(text(await id.text()), path).toContain('Halaman atau data tidak ditemukan.');
    }
  });
});
