import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { addProduct, bumpVersion, shopId, useServerDatabase } from '../helpers/shop-data.ts';
import { jsonLd, tags, text } from '../helpers/html.ts';

/**
 * The customer catalog over real HTTP: pages, 404s, and the page cache (ETag/304, invalidation by the
 * shop version in the database, no session work and no rendering on a hit, one copy for every visitor).
 * The version memo is off (PAGE_CACHE_VERSION_TTL_MS=0) so a bump is visible on the very next request.
 */
let server: TestServer;
let store: Awaited<ReturnType<typeof useServerDatabase>>;
let hk05: string;

beforeAll(async () => {
  server = await startServer({ env: { PAGE_CACHE_VERSION_TTL_MS: '0' } });
  store = await useServerDatabase(server);
  hk05 = await shopId('hk05');
  const { addDemoCatalog } = await import('#db/demo-catalog.ts');
  await addDemoCatalog(store.db(), { shopSlug: 'hk05', count: 10, photoSize: 400, distinctPhotos: 2 });
  await addProduct('hk05', {
    slug: 'kue-lapis',
    name: 'Kue Lapis Legit',
    price: 30000,
    category: 'Kue',
    photos: 2,
    description: 'Lapis legit\nberlapis-lapis.',
    variants: [
      { name: 'Loyang kecil', price: 30000, stock: 3 },
      { name: 'Loyang besar', price: 55000, stock: 0 },
    ],
  });
  await addProduct('hk05', { slug: 'bolu-diskon', name: 'Bolu Pandan Diskon', price: 20000, compareAt: 25000, category: 'Kue', stock: 0 });
  await addProduct('hk05', { slug: 'draf-rahasia', name: 'Produk Draf Rahasia', price: 1000, status: 'draft' });
}, 900_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: 'manual' });

describe(`storefront pages (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('renders the catalog: products, prices, stock, categories, search, add-to-cart forms without JavaScript', async () => {
    const res = await get('/hk05');
    expect(res.status).toBe(200);
    const html = await res.text();
    const body = text(html);
    expect(html).toContain('<html lang="id"');
    expect(body).toContain('HK05 Telur Asin Bakar');
    expect(body).toContain('Desa Romang Lompoa');
    expect(body).toContain('Telur Asin Bakar isi 10');
    expect(body).toContain('Rp 35.000');
    expect(body).toContain('Kue Lapis Legit');
    expect(body).toContain('mulai Rp 30.000');
    // The crossed-out price is read out as "Harga sebelumnya …" and shown as the bare amount (no aria-label on <s>).
    expect(body).toMatch(/Bolu Pandan Diskon Rp 20\.000 Harga sebelumnya Rp 25\.000 Rp 25\.000/);
    expect(html).toMatch(
      /<s[^>]*><span class="sr-only"[^>]*>Harga sebelumnya Rp 25\.000<\/span><span aria-hidden="true"[^>]*>Rp 25\.000<\/span><\/s>/,
    );
    expect(body).toContain('Habis');
    expect(body).toContain('Tersisa 3');
    expect(body).not.toContain('Produk Draf Rahasia');
    expect(body).not.toMatch(/unit_cost|HPP/);
    expect(html).toContain('href="/hk05?kategori=telur-asin"');
    expect(html).toContain('href="/hk05?kategori=kue"');
    const wa = tags(html, 'a').find((a) => a.href?.startsWith('https://wa.me/'));
    expect(wa!.href).toMatch(/^https:\/\/wa\.me\/6281243210005\?text=Halo%20HK05/);

    const forms = tags(html, 'form').filter((f) => f.action === '/hk05/keranjang');
    expect(forms.length).toBeGreaterThanOrEqual(5);
    for (const f of forms) expect(f.method).toBe('post');
    const inputs = tags(html, 'input');
    const buttons = tags(html, 'button').filter((b) => b.name === 'action' && b.value === 'add' && b.type === 'submit');
    expect(buttons).toHaveLength(forms.length);
    expect(buttons.find((b) => b['aria-label'] === 'Tambah ke keranjang: Kue Lapis Legit')).toBeDefined();
    expect(inputs.filter((i) => i.name === 'returnTo' && i.value === '/hk05')).toHaveLength(forms.length);
    expect(inputs.filter((i) => i.name === 'quantity' && i.value === '1')).toHaveLength(forms.length);
    expect(inputs.filter((i) => i.name === 'productId')).toHaveLength(forms.length);
    // A product with several variants is chosen on the card itself, as chips (radios: no JavaScript, text that
    // wraps, unlike a select); the first available one is chosen and a sold-out variant cannot be picked.
    const lapis = /<li class="card" data-product="kue-lapis" id="p-[a-z0-9]+">[\s\S]*?<\/li>/.exec(html)![0];
    expect(tags(lapis, 'select')).toEqual([]);
    const chips = tags(lapis, 'input').filter((i) => i.name === 'variantId');
    expect(chips).toHaveLength(2);
    for (const c of chips) expect(c).toMatchObject({ type: 'radio' });
    expect('checked' in chips[0]!).toBe(true);
    expect('disabled' in chips[1]!).toBe(true);
    expect(text(lapis)).toContain('Loyang besar Habis');
    expect(text(lapis)).toMatch(/Loyang kecil Rp [\d.]+/);
    expect(tags(lapis, 'legend')).toHaveLength(1);
    // One variant choice per product that has more than one variant (the seed's and this test's).
    const api = (await (await new Client(server.url).get('/api/v1/shops/hk05/products')).json()) as { products: { variants: unknown[] }[] };
    expect(tags(html, 'fieldset').filter((f) => f.class === 'vchips')).toHaveLength(
      api.products.filter((p) => p.variants.length > 1).length,
    );
    const search = tags(html, 'form').find((f) => f.role === 'search');
    expect(search).toMatchObject({ method: 'get', action: '/hk05' });
  });

  it('filters by category and searches on the server; hostile queries are escaped', async () => {
    const cat = text(await (await get('/hk05?kategori=kue')).text());
    expect(cat).toContain('Kue Lapis Legit');
    expect(cat).not.toContain('Telur Asin Bakar isi 10');
    const found = text(await (await get('/hk05?q=LAPIS%20legit')).text());
    expect(found).toContain('1 produk untuk “lapis legit”');
    expect(found).not.toContain('Telur Asin Bakar satuan');
    const hostile = await (await get('/hk05?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E')).text();
    // Inside a quoted attribute `<` is plain text; outside attributes there must be no such element.
    expect(hostile.replace(/="[^"]*"/g, '=""')).not.toContain('<script>alert(1)');
    expect(hostile).toContain('value="<script>alert(1)</script>&quot;>"');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text(await (await get('/hk05?kategori=tidak-ada')).text())).toContain('Kategori ini tidak ada di toko ini.');
  });

  it('renders a product page: gallery, variants as radios in the form, quantity, WhatsApp question', async () => {
    const res = await get('/hk05/p/kue-lapis');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(text(html)).toContain('Kue Lapis Legit');
    expect(tags(html, 'picture')).toHaveLength(2);
    const radios = tags(html, 'input').filter((i) => i.type === 'radio' && i.name === 'variantId');
    expect(radios).toHaveLength(2);
    expect('checked' in radios[0]!).toBe(true);
    expect('disabled' in radios[1]!).toBe(true); // "Loyang besar" is sold out
    expect(tags(html, 'input').find((i) => i.name === 'quantity')).toMatchObject({ type: 'number', min: '1' });
    expect(tags(html, 'form').find((f) => f.action === '/hk05/keranjang')).toMatchObject({ method: 'post' });
    expect(tags(html, 'input').find((i) => i.name === 'returnTo')!.value).toBe('/hk05/p/kue-lapis');
    const wa = tags(html, 'a').find((a) => a.href?.startsWith('https://wa.me/'))!;
    expect(decodeURIComponent(wa.href!.split('text=')[1]!)).toBe(
      `Halo HK05 Telur Asin Bakar, saya mau tanya tentang Kue Lapis Legit: ${server.url}/hk05/p/kue-lapis`,
    );
    expect(html).toContain(`<link rel="canonical" href="${server.url}/hk05/p/kue-lapis">`);
  });

  it("answers the 404 page for unknown shops, unknown, draft and other shops' products", async () => {
    for (const path of [
      '/toko-tidak-ada',
      '/hk05/p/tidak-ada',
      '/hk05/p/draf-rahasia',
      '/hk05/p/roti-pisang',
      '/toko-tidak-ada/p/x',
      '/toko-tidak-ada/feed/meta.csv',
      '/desa/tidak-ada',
      '/kecamatan/tidak-ada',
      '/hk05/p/%3Cscript%3E',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('Tidak ditemukan');
    }
    expect((await get('/roti-balang/p/roti-pisang')).status).toBe(200);
  });

  it('marks up images for speed: picture with AVIF/WebP, sizes, dimensions, eager first row, lazy after', async () => {
    const html = await (await get('/hk05')).text();
    // Product pictures (the header's brand logo, from the seeded HK05 brand, is a plain small image).
    const imgs = tags(html, 'img').filter((i) => i.class !== 'logo shop-logo');
    const sources = tags(html, 'source');
    expect(imgs.length).toBeGreaterThanOrEqual(6);
    expect(sources.filter((s) => s.type === 'image/avif')).toHaveLength(imgs.length);
    expect(sources.filter((s) => s.type === 'image/webp')).toHaveLength(imgs.length);
    for (const [i, img] of imgs.entries()) {
      expect(Number(img.width), `img ${i}`).toBeGreaterThan(0);
      expect(Number(img.height), `img ${i}`).toBeGreaterThan(0);
      expect(img.src).toMatch(/^\/media\/[a-z0-9]+\/[a-z0-9]+\/640\.jpg$/);
      expect(img.srcset).toMatch(/\/320\.jpg 320w/);
      expect(img.sizes).toBeTruthy();
      if (i < 2) {
        expect(img).toMatchObject({ loading: 'eager', fetchpriority: 'high' });
        expect(img.style).toMatch(/^background-image:url\(data:image\/webp;base64,/);
      } else {
        expect(img).toMatchObject({ loading: 'lazy', decoding: 'async' });
        expect(img.style, 'no per-image placeholder below the first row').toBeUndefined();
      }
    }
    const r = await get(imgs[0]!.src!);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
  });

  it('has no script but the tiny cart-count one and the add-to-cart island inline, and the offline keeper as one same-origin module (and JSON-LD data); no external CSS or fonts', async () => {
    const html = await (await get('/hk05')).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    const all = scripts.filter((s) => !s[1]!.includes('application/ld+json'));
    // The catalog kept for offline viewing (issue 13) registers through one hashed, cacheable module of the app's own.
    const external = all.filter((s) => s[1]!.includes('src='));
    expect(external).toHaveLength(1);
    expect(external[0]![1]).toMatch(/^ type="module" src="\/_astro\/ShopLayout[^"]+\.js"$/);
    const code = all.filter((s) => !s[1]!.includes('src='));
    expect(code).toHaveLength(2);
    const count = code.find((c) => c[2]!.includes('cookieStore.get'))!;
    expect(count[2]!.length).toBeLessThan(500);
    expect(count[2]).toContain('document.cookie');
    const island = code.find((c) => c[2]!.includes('data-add-form'))!;
    expect(island[1]).toContain('type="module"');
    expect(island[2]!.length).toBeLessThan(1500);
    expect(html).toContain(`data-cc="cc_${hk05}"`);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    // The seeded brand's web fonts swap in; a font preload would hold the first paint in Chromium.
    expect(html).toMatch(/@font-face\{[^}]*font-display:swap/);
    expect(html).not.toMatch(/<link[^>]+rel="preload"[^>]+as="font"/);
    expect(jsonLd(html)).toHaveLength(1);
  });
});

describe('page cache', () => {
  it('sends ETag and Cache-Control and answers 304 to If-None-Match', async () => {
    const first = await get('/hk05');
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"\d+-[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.get('vary')).toBe('Accept-Encoding');
    const again = await get('/hk05');
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.headers.get('etag')).toBe(etag);
    await again.arrayBuffer();
    const notModified = await get('/hk05', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    // Product pages and feeds too.
    const p = await get('/hk05/p/kue-lapis');
    await p.arrayBuffer();
    expect((await get('/hk05/p/kue-lapis', { 'if-none-match': p.headers.get('etag')! })).status).toBe(304);
    const feed = await get('/hk05/feed/meta.csv');
    await feed.arrayBuffer();
    expect((await get('/hk05/feed/meta.csv', { 'if-none-match': feed.headers.get('etag')! })).status).toBe(304);
  });

  it('serves a hit without rendering, and new content once the shop version changes in the database', async () => {
    const before = await get('/hk05');
    const oldEtag = before.headers.get('etag')!;
    expect(text(await before.text())).toContain('Telur Asin Bakar satuan');
    // A change written without bumping the version: the cache still answers with the rendered copy,
    // which shows that a hit does not render (the database already says otherwise).
    await store
      .db()
      .updateTable('products')
      .set({ name: 'Telur Asin Bakar eceran' })
      .where('shop_id', '=', hk05)
      .where('slug', '=', 'telur-asin-bakar-satuan')
      .execute();
    const hit = await get('/hk05');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(text(await hit.text())).toContain('Telur Asin Bakar satuan');
    // Any server bumping the version (every catalog, profile or brand change does) invalidates every copy.
    await bumpVersion('hk05');
    const after = await get('/hk05');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.headers.get('etag')).not.toBe(oldEtag);
    const body = text(await after.text());
    expect(body).toContain('Telur Asin Bakar eceran');
    expect(body).not.toContain('Telur Asin Bakar satuan');
    const stale = await get('/hk05', { 'if-none-match': oldEtag });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('does no session work for public pages: an expired session cookie is neither looked up nor deleted', async () => {
    const { newToken, sha256Hex, nowIso } = await import('#server/util.ts');
    const owner = await store.db().selectFrom('users').select('id').where('email', '=', 'pemilik@hk05.test').executeTakeFirstOrThrow();
    const expired = async () => {
      const token = newToken();
      await store
        .db()
        .insertInto('sessions')
        .values({ id: sha256Hex(token), user_id: owner.id, expires_at: '2020-01-01T00:00:00.000Z', created_at: nowIso() })
        .execute();
      return token;
    };
    const exists = async (token: string) =>
      !!(await store.db().selectFrom('sessions').select('id').where('id', '=', sha256Hex(token)).executeTakeFirst());
    // Control: a personal page looks the session up, finds it expired, deletes the row and the cookie.
    const control = await expired();
    const akun = await get('/akun', { cookie: `etalase_session=${control}` });
    expect(akun.status).toBe(303);
    expect(akun.headers.getSetCookie().join('\n')).toMatch(/etalase_session=[^;]*;.*Expires=Thu, 01 Jan 1970/);
    expect(await exists(control)).toBe(false);
    // Public pages: cache hit and (after a bump) miss, neither touches the session table or the cookie.
    const token = await expired();
    await (await get('/hk05')).arrayBuffer();
    const hit = await get('/hk05', { cookie: `etalase_session=${token}` });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.getSetCookie()).toEqual([]);
    await hit.arrayBuffer();
    await bumpVersion('hk05');
    const miss = await get('/hk05/p/kue-lapis', { cookie: `etalase_session=${token}` });
    expect(miss.status).toBe(200);
    expect(miss.headers.getSetCookie()).toEqual([]);
    await miss.arrayBuffer();
    expect(await exists(token)).toBe(true);
  });

  it('gives every visitor the same bytes: anonymous, signed-in, with a cart cookie', async () => {
    await bumpVersion('hk05');
    const anon = new Client(server.url);
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    owner.cookies.set(`cc_${hk05}`, '3');
    const a = await owner.get('/hk05'); // the signed-in owner renders it first
    const b = await anon.get('/hk05');
    expect(a.headers.getSetCookie()).toEqual([]);
    const [ta, tb] = [await a.text(), await b.text()];
    expect(tb).toBe(ta);
    expect(b.headers.get('x-cache')).toBe('HIT');
    expect(ta).not.toContain('Keluar'); // no signed-in menu
    expect(ta).not.toContain('pemilik@hk05.test');
  });

  it('keys on the language: Indonesian by default, English by cookie or ?lang, separate ETags', async () => {
    // First visit, no lang cookie: Bahasa Indonesia, whatever the browser's Accept-Language says.
    const id = await get('/hk05', { 'accept-language': 'en-US,en;q=0.9' });
    const idHtml = await id.text();
    expect(idHtml).toContain('<html lang="id"');
    expect(text(idHtml)).toContain('Keranjang');
    expect(idHtml).toContain('href="/bahasa?lang=en&amp;next=%2Fhk05"');
    const en = await get('/hk05', { cookie: 'lang=en' });
    const enHtml = await en.text();
    expect(enHtml).toContain('<html lang="en"');
    expect(text(enHtml)).toContain('Cart');
    expect(text(enHtml)).toContain('Sold out');
    expect(en.headers.get('etag')).not.toBe(id.headers.get('etag'));
    // A shared cache holding the Indonesian copy revalidates for an English visitor: no 304.
    const revalidate = await get('/hk05', { cookie: 'lang=en', 'if-none-match': id.headers.get('etag')! });
    expect(revalidate.status).toBe(200);
    expect(await revalidate.text()).toContain('<html lang="en"');
    expect(await (await get('/hk05?lang=en')).text()).toContain('<html lang="en"');
    // The switch sets the cookie and comes back to the same page.
    const sw = await get('/bahasa?lang=en&next=%2Fhk05');
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/hk05');
  });

  it('shares one entry across junk parameters and search spelling', async () => {
    await (await get('/hk05?q=Lapis')).arrayBuffer();
    const same = await get('/hk05?utm_source=wa&q=%20lapis%20&fbclid=1');
    expect(same.headers.get('x-cache')).toBe('HIT');
    await same.arrayBuffer();
  });

  it('compresses: brotli or gzip by Accept-Encoding, identical content; dynamic pages too', async () => {
    const plain = Buffer.from(await (await get('/hk05')).arrayBuffer());
    const raw = (enc: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        import('node:http').then(
          (http) =>
            http
              .get(`${server.url}/hk05`, { headers: { 'accept-encoding': enc } }, (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
              })
              .on('error', reject),
          reject,
        );
      });
    const br = await raw('gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain)).toBe(true);
    expect(br.body.byteLength).toBeLessThan(plain.byteLength / 4);
    const gz = await raw('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain)).toBe(true);
    const signIn = await fetch(`${server.url}/masuk`, { headers: { 'accept-encoding': 'gzip' } });
    expect(signIn.headers.get('content-encoding')).toBe('gzip');
    expect(await signIn.text()).toContain('<form');
  });

  it('answers HEAD from the cache without a body', async () => {
    await (await get('/hk05')).arrayBuffer();
    const head = await fetch(`${server.url}/hk05`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    expect(await head.text()).toBe('');
  });
});
