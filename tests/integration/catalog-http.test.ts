import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client, multipart } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/** The catalog through the real built server: JSON API, forms without JavaScript, multipart uploads, /q links. */
let server: TestServer;
let owner: Client;
let staff: Client;
let other: Client;
let anon: Client;

interface PublicProduct {
  id: string;
  slug: string;
  name: string;
  priceMin: number;
  priceMax: number;
  stockStatus: string;
  variants: { id: string; name: string }[];
  photos: { id: string; src: string; srcset: { avif: string } }[];
}
interface MerchantProduct {
  id: string;
  slug: string;
  name: string;
  price: number;
  status: string;
  unitCost?: number | null;
  variants: { id: string; name: string; price: number; unitCost?: number | null; stock: number | null }[];
  photos: { id: string; alt: string }[];
}

beforeAll(async () => {
  server = await startServer();
  [owner, staff, other, anon] = [new Client(server.url), new Client(server.url), new Client(server.url), new Client(server.url)];
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
  await other.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

const API = '/api/v1/shops/hk05/products';
const publicList = async (shop = 'hk05') =>
  ((await (await anon.get(`/api/v1/shops/${shop}/products`)).json()) as { products: PublicProduct[] }).products;
const version = async () => ((await (await owner.get('/api/v1/shops/hk05')).json()) as { shop: { version: number } }).shop.version;
const get = async (c: Client, id: string) => ((await (await c.get(`${API}/${id}`)).json()) as { product: MerchantProduct }).product;
const jpeg = (w = 640, h = 480, color = '#c06030') =>
  sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
/**
 * Multipart POST. fetch pools keep-alive sockets per origin; on this busy machine a slow request elsewhere
 * can leave a pooled socket idle past the server's keep-alive timeout, and a large body written into it as
 * the server closes it fails with EPIPE before the server read any of it. That is transport, not the app:
 * retry such a request once (it never reached a handler, so nothing was written).
 */
async function post(c: Client, path: string, body: FormData): Promise<Response> {
  try {
    return await c.request(path, { method: 'POST', body });
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== 'EPIPE' && code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
    return c.request(path, { method: 'POST', body });
  }
}

describe(`catalog over HTTP (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('public list: published products only, no costs or SKUs, photos served, ETag, unknown shop 404', async () => {
    const res = await anon.get(API);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/unitCost|unit_cost|"sku"|Keripik Putih Telur/);
    const { products } = JSON.parse(text) as { products: PublicProduct[] };
    expect(products.length).toBeGreaterThanOrEqual(5);
    const egg = products.find((p) => p.slug === 'telur-asin-bakar')!;
    expect(egg.variants.map((v) => v.name)).toEqual(['Isi 6', 'Isi 10', 'Isi 30']);
    const img = await anon.get(egg.photos[0]!.src);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    const avif = egg.photos[0]!.srcset.avif.split(' ')[0]!;
    expect((await anon.get(avif)).headers.get('content-type')).toBe('image/avif');
    const etag = res.headers.get('etag')!;
    expect((await anon.request(API, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await anon.get('/api/v1/shops/tidak-ada/products')).status).toBe(404);
  });

  it('owner creates a product with variants and costs; staff read it without any cost', async () => {
    const v0 = await version();
    const res = await owner.post(API, {
      name: 'Kue Bolu Telur Asin',
      price: 'Rp 30.000',
      compareAtPrice: '35.000',
      unitCost: '18.000',
      unit: 'kotak',
      stock: 12,
      status: 'published',
      variants: [
        { name: 'Kecil', price: 30000, unitCost: 18000, stock: 6 },
        { name: 'Besar', price: '55.000', unitCost: '31.000', stock: null },
      ],
    });
    expect(res.status).toBe(201);
    const { product } = (await res.json()) as { product: MerchantProduct };
    expect(product.slug).toBe('kue-bolu-telur-asin');
    expect(product.unitCost).toBe(18000);
    expect(product.variants.map((v) => [v.name, v.price, v.unitCost])).toEqual([
      ['Kecil', 30000, 18000],
      ['Besar', 55000, 31000],
    ]);
    expect(await version()).toBe(v0 + 1);
    const staffRes = await staff.get(`${API}/${product.id}`);
    expect(staffRes.status).toBe(200);
    const staffText = await staffRes.text();
    expect(staffText).not.toContain('unitCost');
    expect(staffText).not.toContain('18000');
    expect((await get(owner, product.id)).unitCost).toBe(18000);
    expect((await publicList()).find((p) => p.id === product.id)).toMatchObject({ priceMin: 30000, priceMax: 55000 });
  });

  it('staff cannot set or change unit costs (API or form) and the pages never show them', async () => {
    const egg = (await publicList()).find((p) => p.slug === 'telur-asin-bakar')!;
    const before = await get(owner, egg.id);
    expect(before.unitCost).toBe(13500);
    // API PATCH with costs on the product and its variants.
    const patched = await staff.request(`${API}/${egg.id}`, {
      method: 'PATCH',
      json: { unitCost: 1, variants: before.variants.map((v) => ({ id: v.id, name: v.name, price: v.price, unitCost: 2 })) },
    });
    expect(patched.status).toBe(200);
    expect(await patched.text()).not.toContain('unitCost');
    // The edit form, posted by staff with cost fields added by hand.
    const form = await staff.form(`/dashboard/hk05/produk/${egg.id}`, {
      action: 'save',
      name: before.name,
      price: '21.000',
      unit: 'kotak',
      status: 'published',
      stockUnlimited: '1',
      unitCost: '1',
      'variants.0.id': before.variants[0]!.id,
      'variants.0.name': 'Isi 6',
      'variants.0.price': '21.000',
      'variants.0.stock': '30',
      'variants.0.unitCost': '3',
      'variants.1.id': before.variants[1]!.id,
      'variants.1.name': 'Isi 10',
      'variants.1.price': '35.000',
      'variants.1.stock': '40',
      'variants.2.id': before.variants[2]!.id,
      'variants.2.name': 'Isi 30',
      'variants.2.price': '99.000',
      'variants.2.compareAtPrice': '105.000',
      'variants.2.stock': '8',
    });
    expect(form.status).toBe(303);
    const after = await get(owner, egg.id);
    expect(after.unitCost).toBe(13500);
    expect(after.variants.map((v) => v.unitCost)).toEqual(before.variants.map((v) => v.unitCost));
    // Staff staff-created products carry no cost.
    const created = (await (await staff.post(API, { name: 'Titipan Staf', price: 5000, unitCost: 4000 })).json()) as {
      product: MerchantProduct;
    };
    expect((await get(owner, created.product.id)).unitCost).toBeNull();
    // HTML: the owner's form has the cost fields and values; staff's has neither.
    const ownerHtml = await (await owner.get(`/dashboard/hk05/produk/${egg.id}`)).text();
    expect(ownerHtml).toContain('name="unitCost"');
    expect(ownerHtml).toContain('13.500');
    for (const path of [`/dashboard/hk05/produk/${egg.id}`, '/dashboard/hk05/produk', '/dashboard/hk05/produk/baru']) {
      const res = await staff.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).not.toMatch(/unitCost|HPP|13\.500|22\.000|66\.000/);
    }
  });

  it("the owner's saved change shows on the catalog at the next request, with the version memo on (its default 1 s)", async () => {
    const anon = new Client(server.url);
    for (let i = 0; i < 5; i++) {
      expect((await anon.get('/hk05')).status).toBe(200); // the version is remembered now
      const description = `Telur asin bakar Gowa, putaran ${i} ${Date.now()}`;
      expect((await owner.request('/api/v1/shops/hk05', { method: 'PATCH', json: { description } })).status).toBe(200);
      expect(await (await anon.get('/hk05')).text()).toContain(description);
    }
    const seeded = 'Telur asin bakar khas Romang Lompoa: dibakar perlahan di atas sabut kelapa, masir dan tidak terlalu asin.';
    expect((await owner.request('/api/v1/shops/hk05', { method: 'PATCH', json: { description: seeded } })).status).toBe(200);
  });

  it('bad input answers 400 with a message per field and writes nothing', async () => {
    const v0 = await version();
    const bad: [Record<string, unknown>, string][] = [
      [{ name: 'X Produk', price: -1000 }, 'price'],
      [{ name: 'X Produk', price: 2500.5 }, 'price'],
      [{ name: 'X Produk', price: '25,000' }, 'price'],
      [{ name: 'X Produk', price: 20000, compareAtPrice: 20000 }, 'compareAtPrice'],
      [{ name: 'X Produk', price: 20000, stock: -1 }, 'stock'],
      [{ name: 'X Produk', price: 20000, slug: 'telur-asin-bakar' }, 'slug'],
      [{ name: 'X Produk', price: 20000, variants: [{ name: 'A', price: 100, compareAtPrice: 50 }] }, 'variants.0.compareAtPrice'],
      [{ name: 'X Produk', price: 20000, variants: [{ name: 'A', price: 100, stock: -2 }] }, 'variants.0.stock'],
    ];
    for (const [body, field] of bad) {
      const res = await owner.post(API, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { fields: Record<string, string[]> } };
      expect(Object.keys(error.fields), JSON.stringify(body)).toEqual([field]);
    }
    const en = new Client(server.url, { lang: 'en' });
    await en.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const msg = (await (await en.post(API, { name: 'X Produk', price: 20000, compareAtPrice: 100 })).json()) as {
      error: { fields: Record<string, string[]> };
    };
    expect(msg.error.fields.compareAtPrice).toEqual(['The compare-at price must be higher than the price.']);
    const egg = (await publicList()).find((p) => p.slug === 'telur-asin-bakar')!;
    expect((await owner.request(`${API}/${egg.id}`, { method: 'PATCH', json: { price: 0, compareAtPrice: 0 } })).status).toBe(400);
    expect((await owner.request(`${API}/${egg.id}`, { method: 'PATCH', json: { slug: 'sambal-telur-asin' } })).status).toBe(400);
    expect((await owner.request(`${API}/tidakada`, { method: 'PATCH', json: { name: 'Apa Saja' } })).status).toBe(404);
    expect(
      (await owner.request(`${API}/${egg.id}`, { method: 'PATCH', body: '{', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    expect(await version()).toBe(v0);
  });

  it('forms work without JavaScript: create with a variant and a photo, errors keep what was typed, text is escaped', async () => {
    // Validation first: the page answers 400, explains in Indonesian, keeps the values.
    const badRes = await post(
      owner,
      '/dashboard/hk05/produk/baru',
      multipart({
        action: 'save',
        name: 'Dodol <b>Gowa</b>',
        price: '12,5',
        unit: 'bungkus',
        stock: '',
        status: 'published',
        'variants.0.name': 'Pandan',
        'variants.0.price': '-3',
        'variants.1.name': '',
        'variants.1.price': '',
      }),
    );
    expect(badRes.status).toBe(400);
    const badHtml = await badRes.text();
    expect(badHtml).toContain('Tulis angka Rupiah tanpa desimal');
    expect(badHtml).toContain('Harga tidak boleh negatif.');
    expect(badHtml).toContain('Isi jumlah stok, atau centang');
    expect(badHtml).toContain('value="Dodol <b>Gowa</b>"'); // inside a quoted attribute: text, not markup
    expect(badHtml.split('<b>Gowa</b>').length).toBe(2);
    expect(badHtml).toContain('id="variants.0.price-error"');

    const v0 = await version();
    const res = await post(
      owner,
      '/dashboard/hk05/produk/baru',
      multipart(
        {
          action: 'save',
          name: '<script>alert("x")</script> Dodol',
          price: 'Rp 12.500',
          compareAtPrice: '',
          unitCost: '7.000',
          unit: 'bungkus',
          netContent: '250 g',
          category: 'Kue',
          stock: '',
          stockUnlimited: '1',
          status: 'published',
          'variants.0.name': 'Pandan',
          'variants.0.price': '12.500',
          'variants.0.stock': '20',
          'variants.0.unitCost': '7.000',
          'variants.1.name': '',
          'variants.1.price': '',
        },
        [{ data: await jpeg(800, 600) }],
      ),
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/dashboard\/hk05\/produk\/[a-z0-9]+\?ok=created$/);
    expect(await version()).toBe(v0 + 1);
    const id = location.split('/').pop()!.split('?')[0]!;
    const p = await get(owner, id);
    expect([p.slug, p.price, p.unitCost, p.status]).toEqual(['script-alert-x-script-dodol', 12500, 7000, 'published']);
    expect(p.variants.map((v) => [v.name, v.price, v.stock, v.unitCost])).toEqual([['Pandan', 12500, 20, 7000]]);
    expect(p.photos.length).toBe(1);
    const page = await (await owner.get(location)).text();
    expect(page).toContain('Produk dibuat.');
    const list = await (await owner.get('/dashboard/hk05/produk')).text();
    expect(list).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dodol');
    expect(list).not.toContain('<script>alert');
    expect(await (await anon.get(API)).text()).toContain('"<script>alert(\\"x\\")</script> Dodol"'); // stored as text, as typed

    // Edit: remove the variant, add another, filter the list by status.
    const edit = await owner.form(`/dashboard/hk05/produk/${id}`, {
      action: 'save',
      name: 'Dodol Gowa',
      slug: 'dodol-gowa',
      price: '13.000',
      unit: 'bungkus',
      stockUnlimited: '1',
      status: 'draft',
      'variants.0.id': p.variants[0]!.id,
      'variants.0.name': 'Pandan',
      'variants.0.price': '12.500',
      'variants.0.remove': '1',
      'variants.1.name': 'Durian',
      'variants.1.price': '15.000',
      'variants.1.stock': '5',
    });
    expect(edit.status).toBe(303);
    const q = await get(owner, id);
    expect([q.slug, q.status, q.variants.map((v) => v.name)]).toEqual(['dodol-gowa', 'draft', ['Durian']]);
    const drafts = await (await owner.get('/dashboard/hk05/produk?status=draft')).text();
    expect(drafts).toContain('Dodol Gowa');
    expect(drafts).not.toContain('Sambal Telur Asin');
    const published = await (await owner.get('/dashboard/hk05/produk?status=published')).text();
    expect(published).not.toContain('Dodol Gowa');
    expect(published).toContain('Sambal Telur Asin');

    // A bad edit re-renders the right variant row with its message.
    const badEdit = await owner.form(`/dashboard/hk05/produk/${id}`, {
      action: 'save',
      name: 'Dodol Gowa',
      price: '13.000',
      unit: 'bungkus',
      stockUnlimited: '1',
      status: 'draft',
      'variants.0.name': '',
      'variants.0.price': '',
      'variants.1.name': 'Nangka',
      'variants.1.price': '10.000',
      'variants.1.compareAtPrice': '9.000',
      'variants.1.stockUnlimited': '1',
    });
    expect(badEdit.status).toBe(400);
    const badEditHtml = await badEdit.text();
    expect(badEditHtml).toMatch(/id="variants\.1\.compareAtPrice-error">Harga coret harus lebih tinggi dari harga jual\./);

    // Delete through the page.
    const del = await owner.form(`/dashboard/hk05/produk/${id}`, { action: 'delete' });
    expect(del.status).toBe(303);
    expect(del.headers.get('location')).toBe('/dashboard/hk05/produk?ok=deleted');
    expect((await owner.get(`/dashboard/hk05/produk/${id}`)).status).toBe(404);
  });

  it('photos over multipart: several at once, served, reordered, captioned, deleted with their files; 8 at most', async () => {
    const created = (await (await owner.post(API, { name: 'Galeri Foto', price: 1000, status: 'published' })).json()) as {
      product: MerchantProduct;
    };
    const id = created.product.id;
    const photosUrl = `${API}/${id}/photos`;
    const v0 = await version();
    const up = await post(
      owner,
      photosUrl,
      multipart({ alt: 'Tampak depan' }, [
        { data: await jpeg(640, 480, '#aa0000') },
        { data: await jpeg(480, 640, '#00aa00'), type: 'application/octet-stream', name: 'x.bin' },
      ]),
    );
    expect(up.status).toBe(201);
    const { photos } = (await up.json()) as { photos: { id: string; alt: string; src: string; width: number }[] };
    expect(photos.map((p) => [p.alt, p.width])).toEqual([
      ['Tampak depan', 640],
      ['Tampak depan', 480],
    ]);
    expect(await version()).toBe(v0 + 1);
    expect((await anon.get(photos[0]!.src)).status).toBe(200);

    // The page: upload (multipart, no JS), move, caption.
    const pageUp = await post(
      owner,
      `/dashboard/hk05/produk/${id}`,
      multipart({ action: 'upload' }, [{ data: await jpeg(500, 500, '#0000aa'), type: 'image/png', name: 'a.png' }]),
    );
    expect(pageUp.status).toBe(303);
    expect(pageUp.headers.get('location')).toBe(`/dashboard/hk05/produk/${id}?ok=photos`);
    let p = await get(owner, id);
    expect(p.photos.length).toBe(3);
    const third = p.photos[2]!.id;
    expect((await owner.form(`/dashboard/hk05/produk/${id}`, { action: 'photo-up', mediaId: third })).status).toBe(303);
    expect((await owner.form(`/dashboard/hk05/produk/${id}`, { action: 'photo-up', mediaId: third })).status).toBe(303);
    expect((await owner.form(`/dashboard/hk05/produk/${id}`, { action: 'photo-alt', mediaId: third, alt: 'Kemasan baru' })).status).toBe(
      303,
    );
    p = await get(owner, id);
    expect(p.photos.map((x) => x.id)).toEqual([third, photos[0]!.id, photos[1]!.id]);
    expect(p.photos[0]!.alt).toBe('Kemasan baru');
    expect((await owner.form(`/dashboard/hk05/produk/${id}`, { action: 'photo-down', mediaId: third })).status).toBe(303);
    expect((await get(owner, id)).photos[1]!.id).toBe(third);
    const html = await (await owner.get(`/dashboard/hk05/produk/${id}`)).text();
    expect(html).toContain('3 dari 8 foto');
    expect(html).toContain('alt="Kemasan baru"');

    // Delete through the API and the page: rows and files go.
    const gone = photos[0]!;
    expect((await owner.request(`${photosUrl}/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await anon.get(gone.src)).status).toBe(404);
    expect((await owner.request(`${photosUrl}/${gone.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await owner.form(`/dashboard/hk05/produk/${id}`, { action: 'photo-delete', mediaId: third })).status).toBe(303);
    expect((await get(owner, id)).photos.map((x) => x.id)).toEqual([photos[1]!.id]);

    // Up to 8: seven more in one request fit, the ninth is refused with a clear message.
    const seven = await Promise.all(Array.from({ length: 7 }, (_, i) => jpeg(320, 240, `#${i}0${i}0${i}0`)));
    const more = await post(
      owner,
      photosUrl,
      multipart(
        {},
        seven.map((data) => ({ data })),
      ),
    );
    expect(more.status).toBe(201);
    expect(((await more.json()) as { photos: unknown[] }).photos.length).toBe(8);
    const v1 = await version();
    const ninth = await post(owner, photosUrl, multipart({}, [{ data: await jpeg() }]));
    expect(ninth.status).toBe(400);
    expect(((await ninth.json()) as { error: { message: string } }).error.message).toBe(
      'Maksimal 8 foto per produk. Hapus foto lain dulu.',
    );
    const ninthPage = await post(owner, `/dashboard/hk05/produk/${id}`, multipart({ action: 'upload' }, [{ data: await jpeg() }]));
    expect(ninthPage.status).toBe(400);
    expect(await ninthPage.text()).toContain('Maksimal 8 foto per produk.');
    expect(await version()).toBe(v1);
    expect((await get(owner, id)).photos.length).toBe(8);
  });

  it("invalid images, oversized files and image bombs: a clear 400 in the user's language, nothing written", async () => {
    const created = (await (await owner.post(API, { name: 'Uji Gambar', price: 1000 })).json()) as { product: MerchantProduct };
    const photosUrl = `${API}/${created.product.id}/photos`;
    const bomb = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#000' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const en = new Client(server.url, { lang: 'en' });
    await en.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const v0 = await version();
    const cases: [Buffer, string, string][] = [
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        'bukan gambar JPEG, PNG, WebP, HEIC atau AVIF',
        'not a readable JPEG',
      ],
      [Buffer.from('GIF89a fake'), 'bukan gambar JPEG', 'not a readable JPEG'],
      [Buffer.alloc(15 * 1024 * 1024 + 1, 0xff), 'Berkas terlalu besar (maksimal 15 MB)', 'too large'],
      [bomb, 'maksimal 40 megapiksel', '40 megapixels'],
    ];
    for (const [data, id, english] of cases) {
      const res = await post(owner, photosUrl, multipart({}, [{ data }]));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { fields: { file: string[] } } };
      expect(body.error.fields.file[0]).toContain(id);
      const resEn = await post(en, photosUrl, multipart({}, [{ data }]));
      expect(((await resEn.json()) as { error: { fields: { file: string[] } } }).error.fields.file[0]).toContain(english);
    }
    // A good photo and a bad one together: the whole request is refused.
    expect((await post(owner, photosUrl, multipart({}, [{ data: await jpeg() }, { data: Buffer.from('nope') }]))).status).toBe(400);
    expect((await post(owner, photosUrl, multipart({}, []))).status).toBe(400);
    expect((await owner.post(photosUrl, { file: 'x' })).status).toBe(400);
    // The page form says it in the page's language.
    const page = await post(
      owner,
      `/dashboard/hk05/produk/${created.product.id}`,
      multipart({ action: 'upload' }, [{ data: Buffer.from('<script>') }]),
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('bukan gambar JPEG, PNG, WebP, HEIC atau AVIF');
    expect(await version()).toBe(v0);
    expect((await get(owner, created.product.id)).photos).toEqual([]);
  });

  it('/q/{id} redirects to the current product page and survives slug changes; unknown or draft is the 404 page', async () => {
    const sambal = (await publicList()).find((p) => p.slug === 'sambal-telur-asin')!;
    const hop = async (id: string) => {
      const r = await anon.get(`/q/${id}`);
      return [r.status, r.headers.get('location')];
    };
    expect(await hop(sambal.id)).toEqual([302, '/hk05/p/sambal-telur-asin']);
    expect((await owner.request(`${API}/${sambal.id}`, { method: 'PATCH', json: { slug: 'sambal-bawang' } })).status).toBe(200);
    expect(await hop(sambal.id)).toEqual([302, '/hk05/p/sambal-bawang']);
    expect((await owner.request('/api/v1/shops/hk05', { method: 'PATCH', json: { slug: 'hk05-gowa' } })).status).toBe(200);
    expect(await hop(sambal.id)).toEqual([302, '/hk05-gowa/p/sambal-bawang']);
    expect((await owner.request('/api/v1/shops/hk05-gowa', { method: 'PATCH', json: { slug: 'hk05' } })).status).toBe(200);
    expect((await owner.request(`${API}/${sambal.id}`, { method: 'PATCH', json: { slug: 'sambal-telur-asin' } })).status).toBe(200);
    expect(await hop(sambal.id)).toEqual([302, '/hk05/p/sambal-telur-asin']);
    const unknown = await anon.get('/q/tidakada123');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Tidak ditemukan');
    expect((await anon.get('/q/..%2Fadmin')).status).toBe(404);
    const draft = (await (await owner.post(API, { name: 'Belum Terbit', price: 1000, status: 'draft' })).json()) as {
      product: MerchantProduct;
    };
    expect((await anon.get(`/q/${draft.product.id}`)).status).toBe(404);
    // The short link is shown on the edit page, absolute, for labels.
    expect(await (await owner.get(`/dashboard/hk05/produk/${sambal.id}`)).text()).toContain(`${server.url}/q/${sambal.id}`);
  });

  it("another shop's owner gets 404 on every HK05 product page and write, and nothing changes", async () => {
    const egg = (await publicList()).find((p) => p.slug === 'telur-asin-bakar')!;
    const before = await get(owner, egg.id);
    const v0 = await version();
    for (const path of ['/dashboard/hk05/produk', '/dashboard/hk05/produk/baru', `/dashboard/hk05/produk/${egg.id}`]) {
      const res = await other.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Telur Asin Bakar');
    }
    const writes: [string, RequestInit & { json?: unknown; form?: Record<string, string> }][] = [
      [API, { method: 'POST', json: { name: 'Dibajak', price: 1 } }],
      [`${API}/${egg.id}`, { method: 'GET' }],
      [`${API}/${egg.id}`, { method: 'PATCH', json: { name: 'Dibajak' } }],
      [`${API}/${egg.id}`, { method: 'DELETE' }],
      [`${API}/${egg.id}/photos`, { method: 'POST', body: multipart({}, [{ data: await jpeg() }]) }],
      [`${API}/${egg.id}/photos/${egg.photos[0]!.id}`, { method: 'DELETE' }],
      ['/dashboard/hk05/produk/baru', { method: 'POST', form: { action: 'save', name: 'Dibajak', price: '1', stockUnlimited: '1' } }],
      [`/dashboard/hk05/produk/${egg.id}`, { method: 'POST', form: { action: 'save', name: 'Dibajak', price: '1', stockUnlimited: '1' } }],
      [`/dashboard/hk05/produk/${egg.id}`, { method: 'POST', form: { action: 'delete' } }],
      [`/dashboard/hk05/produk/${egg.id}`, { method: 'POST', form: { action: 'photo-delete', mediaId: egg.photos[0]!.id } }],
      [`/dashboard/hk05/produk/${egg.id}`, { method: 'POST', body: multipart({ action: 'upload' }, [{ data: await jpeg() }]) }],
      ['/dashboard/hk05/pengaturan', { method: 'POST', form: { 'profile.form': '1', 'profile.social.instagram': 'dibajak' } }],
      // Through their own shop, with HK05's product id: not theirs either.
      [`/api/v1/shops/roti-balang/products/${egg.id}`, { method: 'GET' }],
      [`/api/v1/shops/roti-balang/products/${egg.id}`, { method: 'PATCH', json: { name: 'Dibajak' } }],
      [`/api/v1/shops/roti-balang/products/${egg.id}`, { method: 'DELETE' }],
      [`/api/v1/shops/roti-balang/products/${egg.id}/photos`, { method: 'POST', body: multipart({}, [{ data: await jpeg() }]) }],
      [`/dashboard/roti-balang/produk/${egg.id}`, { method: 'GET' }],
      [`/dashboard/roti-balang/produk/${egg.id}`, { method: 'POST', form: { action: 'delete' } }],
    ];
    for (const [path, init] of writes) {
      const res = await other.request(path, init);
      expect(res.status, `${init.method} ${path}`).toBe(404);
    }
    expect(await get(owner, egg.id)).toEqual(before);
    expect(await version()).toBe(v0);
    expect((await anon.get(egg.photos[0]!.src)).status).toBe(200);
  });

  it('shop profile form: hours, delivery and social links saved for the storefront; checked and owner-only', async () => {
    const v0 = await version();
    const fields: Record<string, string> = {
      'profile.form': '1',
      'profile.hoursNote': 'Tutup saat salat Jumat',
      'profile.hours.mon.open': '07:30',
      'profile.hours.mon.close': '16:00',
      'profile.hours.sun.closed': '1',
      'profile.delivery.pickup.enabled': '1',
      'profile.delivery.local.enabled': '1',
      'profile.delivery.local.fee': 'Rp 12.000',
      'profile.delivery.local.area': 'Bontomarannu',
      'profile.social.instagram': 'https://instagram.com/hk05.gowa',
      'profile.social.website': 'hk05.example',
    };
    const res = await owner.form('/dashboard/hk05/pengaturan', fields);
    expect(res.status).toBe(303);
    expect(await version()).toBe(v0 + 1);
    const shop = (await (await owner.get('/api/v1/shops/hk05')).json()) as {
      shop: {
        description: string;
        profile: {
          hours: Record<string, { open: string; close: string; closed: boolean }>;
          hoursNote: string;
          delivery: { local: { enabled: boolean; fee: number }; courier: { enabled: boolean } };
          social: Record<string, string>;
        };
      };
    };
    expect(shop.shop.description).toContain('Telur asin bakar khas Romang Lompoa');
    expect(shop.shop.profile.hours.mon).toEqual({ closed: false, open: '07:30', close: '16:00' });
    expect(shop.shop.profile.hours.sun?.closed).toBe(true);
    expect(shop.shop.profile.delivery.local).toMatchObject({ enabled: true, fee: 12000 });
    expect(shop.shop.profile.delivery.courier.enabled).toBe(false);
    expect(shop.shop.profile.social).toEqual({ instagram: 'hk05.gowa', facebook: '', tiktok: '', website: 'https://hk05.example/' });
    const page = await (await owner.get('/dashboard/hk05/pengaturan')).text();
    expect(page).toContain('value="@hk05.gowa"');
    expect(page).toContain('value="12.000"');

    const bad = await owner.form('/dashboard/hk05/pengaturan', {
      ...fields,
      'profile.social.website': 'javascript:alert(1)',
      'profile.hours.tue.open': '17:00',
      'profile.hours.tue.close': '08:00',
      'profile.delivery.pickup.enabled': '',
      'profile.delivery.local.enabled': '',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Tulis alamat situs lengkap yang diawali https://.');
    expect(badHtml).toContain('Jam tutup harus setelah jam buka.');
    expect(badHtml).toContain('Pilih minimal satu cara pengiriman.');
    expect(badHtml).toContain('value="javascript:alert(1)"');
    expect(badHtml).not.toContain('href="javascript:');
    expect(await version()).toBe(v0 + 1);

    // The API takes a partial profile and keeps everything else.
    const patch = await owner.request('/api/v1/shops/hk05', {
      method: 'PATCH',
      json: { profile: { delivery: { pickup: { enabled: true }, courier: { enabled: true, note: 'JNE' } } } },
    });
    expect(patch.status).toBe(200);
    const again = (await (await owner.get('/api/v1/shops/hk05')).json()) as typeof shop;
    expect(again.shop.profile.delivery.courier.enabled).toBe(true);
    expect(again.shop.profile.social.instagram).toBe('hk05.gowa');
    expect(again.shop.description).toBe(shop.shop.description);
    expect(
      (await owner.request('/api/v1/shops/hk05', { method: 'PATCH', json: { profile: { social: { tiktok: 'https://evil.example/@x' } } } }))
        .status,
    ).toBe(400);

    expect((await staff.get('/dashboard/hk05/pengaturan')).status).toBe(403);
    expect((await staff.form('/dashboard/hk05/pengaturan', { 'profile.form': '1', 'profile.social.instagram': 'staf' })).status).toBe(403);
    expect((await staff.request('/api/v1/shops/hk05', { method: 'PATCH', json: { profile: { hoursNote: 'x' } } })).status).toBe(403);
  });

  it('deleting a product through the API removes it everywhere and bumps the version', async () => {
    const created = (await (await owner.post(API, { name: 'Sementara', price: 1000, status: 'published' })).json()) as {
      product: MerchantProduct;
    };
    const id = created.product.id;
    const photo = (await (await post(owner, `${API}/${id}/photos`, multipart({}, [{ data: await jpeg() }]))).json()) as {
      photos: { src: string }[];
    };
    const v0 = await version();
    expect((await staff.request(`${API}/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await version()).toBe(v0 + 1);
    expect((await owner.get(`${API}/${id}`)).status).toBe(404);
    expect((await anon.get(`/q/${id}`)).status).toBe(404);
    expect((await anon.get(photo.photos[0]!.src)).status).toBe(404);
    expect((await publicList()).some((p) => p.id === id)).toBe(false);
  });
});
