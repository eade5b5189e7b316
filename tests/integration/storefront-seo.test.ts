import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addProduct, useServerDatabase } from '../helpers/shop-data.ts';
import { jsonLd, meta, tags, text } from '../helpers/html.ts';
import { csvObjects } from '../helpers/csv.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/**
 * Sharing and search: Open Graph/Twitter, JSON-LD, canonical, sitemap, robots, Meta and Google feeds, and
 * the village/district directory — with a product and a shop whose names are made to break out of
 * every context they land in.
 */
const NASTY = '</script><script>alert(1)</script> & "Kue" #1 50%';
const NASTY_SHOP = 'Toko <b>Ibu</b> & "Anak"';
const NO_PHOTO = 'Gula <b>aren</b> tanpa foto';
let server: TestServer;
let store: Awaited<ReturnType<typeof useServerDatabase>>;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { PAGE_CACHE_VERSION_TTL_MS: '0' } }), launchBrowser()]);
  store = await useServerDatabase(server);
  await store
    .db()
    .updateTable('shops')
    .set((eb) => ({ name: NASTY_SHOP, version: eb('version', '+', 1) }))
    .where('slug', '=', 'kopi-borongloe')
    .execute();
  await addProduct('kopi-borongloe', {
    slug: 'kue-jahat',
    name: NASTY,
    price: 25000,
    compareAt: 30000,
    stock: 0,
    description: `Deskripsi ${NASTY}\u2028baris`,
    category: '<i>Kue</i>',
    photos: 2,
  });
  await addProduct('kopi-borongloe', { slug: 'gula-aren', name: NO_PHOTO, price: 15000, photos: 0 });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await store?.close();
  await server?.stop();
});

const page = async (path: string) => {
  const res = await fetch(server.url + path);
  expect(res.status, path).toBe(200);
  return res.text();
};
/** No element made of user text: only attribute values and text may hold it, escaped. */
const noInjectedMarkup = (html: string) => {
  const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
  expect(outsideAttributes).not.toContain('<script>alert(1)');
  expect(outsideAttributes).not.toContain('<b>Ibu</b>');
  expect(outsideAttributes).not.toContain('<i>Kue</i>');
};

describe(`sharing and search (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('product page: Open Graph, Twitter, canonical and Product JSON-LD carry the exact text, escaped', async () => {
    const html = await page('/kopi-borongloe/p/kue-jahat');
    noInjectedMarkup(html);
    const url = `${server.url}/kopi-borongloe/p/kue-jahat`;
    expect(meta(html, 'og:title')).toBe(`${NASTY} · ${NASTY_SHOP}`);
    expect(meta(html, 'og:type')).toBe('product');
    expect(meta(html, 'og:url')).toBe(url);
    expect(meta(html, 'og:image')).toMatch(new RegExp(`^${server.url}/media/[a-z0-9]+/[a-z0-9]+/1280\\.jpg$`));
    expect(meta(html, 'product:price:amount')).toBe('25000');
    expect(meta(html, 'product:price:currency')).toBe('IDR');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:title')).toBe(`${NASTY} · ${NASTY_SHOP}`);
    expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'));
    expect(meta(html, 'description')).toContain('Deskripsi');
    expect(tags(html, 'link').find((l) => l.rel === 'canonical')!.href).toBe(url);
    expect(tags(html, 'title')).toHaveLength(1);

    const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(raw).not.toMatch(/[<>\u2028\u2029]/);
    const [ld] = jsonLd(html) as { '@graph': Record<string, unknown>[] }[];
    const product = ld!['@graph'].find((n) => n['@type'] === 'Product')!;
    expect(product).toMatchObject({
      name: NASTY,
      url,
      category: '<i>Kue</i>',
      description: `Deskripsi ${NASTY}\u2028baris`,
      brand: { '@type': 'Brand', name: NASTY_SHOP },
      offers: { '@type': 'Offer', price: '25000', priceCurrency: 'IDR', availability: 'https://schema.org/OutOfStock', url },
    });
    expect(product.image).toHaveLength(2);
    const storeNode = ld!['@graph'].find((n) => n['@type'] === 'Store')!;
    expect(storeNode).toMatchObject({ name: NASTY_SHOP, url: `${server.url}/kopi-borongloe` });
  });

  it('catalog page: OG/Twitter and Store + ItemList of Products with offers', async () => {
    const html = await page('/kopi-borongloe');
    noInjectedMarkup(html);
    expect(meta(html, 'og:title')).toBe(NASTY_SHOP);
    expect(meta(html, 'og:site_name')).toBe(NASTY_SHOP);
    expect(meta(html, 'og:image')).toMatch(/\/1280\.jpg$/);
    expect(meta(html, 'og:locale')).toBe('id_ID');
    expect(tags(html, 'link').find((l) => l.rel === 'canonical')!.href).toBe(`${server.url}/kopi-borongloe`);
    expect(tags(html, 'link').find((l) => l.hreflang === 'en')!.href).toBe(`${server.url}/kopi-borongloe?lang=en`);
    const [ld] = jsonLd(html) as { '@graph': { '@type': string; itemListElement?: { item: Record<string, unknown> }[] }[] }[];
    const list = ld!['@graph'].find((n) => n['@type'] === 'ItemList')!;
    const items = list.itemListElement!.map((e) => e.item);
    expect(items.map((i) => i.name)).toContain(NASTY);
    for (const i of items) expect(i).toMatchObject({ '@type': 'Product', offers: { priceCurrency: 'IDR' } });
    const byName = items.find((i) => i.name === 'Kopi Bubuk Robusta 250 g')!;
    expect(byName.offers).toMatchObject({ price: '45000', availability: 'https://schema.org/InStock' });
    expect(text(html)).toContain(NASTY);
  });

  it('feeds: Meta CSV and Google RSS parse back to the exact text', async () => {
    const csv = await fetch(`${server.url}/kopi-borongloe/feed/meta.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = csvObjects(await csv.text());
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand']),
    );
    const row = rows.find((r) => r.title === NASTY)!;
    expect(row).toMatchObject({
      availability: 'out of stock',
      condition: 'new',
      price: '30000 IDR',
      sale_price: '25000 IDR',
      brand: NASTY_SHOP,
      link: `${server.url}/kopi-borongloe/p/kue-jahat`,
      product_type: '<i>Kue</i>',
    });
    expect(row.image_link).toMatch(new RegExp(`^${server.url}/media/.+/1280\\.jpg$`));
    expect(rows.find((r) => r.title === 'Kopi Bubuk Robusta 250 g')).toMatchObject({ price: '45000 IDR', availability: 'in stock' });
    expect(
      rows.every((r) => r.image_link),
      'every item has an image',
    ).toBe(true);
    expect(
      rows.find((r) => r.title === NO_PHOTO),
      'a product with no image is left out',
    ).toBeUndefined();

    const res = await fetch(`${server.url}/kopi-borongloe/feed/google.xml`);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    // Chromium's XML parser is strict: any escaping mistake is a <parsererror>.
    const p = await browser.newPage();
    const parsed = await p.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      const G = 'http://base.google.com/ns/1.0';
      if (doc.getElementsByTagName('parsererror').length) return { error: doc.getElementsByTagName('parsererror')[0]!.textContent };
      return {
        root: doc.documentElement.nodeName,
        channelTitle: doc.querySelector('channel > title')?.textContent,
        items: [...doc.getElementsByTagName('item')].map((it) => ({
          title: it.getElementsByTagName('title')[0]?.textContent,
          price: it.getElementsByTagNameNS(G, 'price')[0]?.textContent,
          salePrice: it.getElementsByTagNameNS(G, 'sale_price')[0]?.textContent,
          availability: it.getElementsByTagNameNS(G, 'availability')[0]?.textContent,
          brand: it.getElementsByTagNameNS(G, 'brand')[0]?.textContent,
          image: it.getElementsByTagNameNS(G, 'image_link')[0]?.textContent,
          condition: it.getElementsByTagNameNS(G, 'condition')[0]?.textContent,
          id: it.getElementsByTagNameNS(G, 'id')[0]?.textContent,
        })),
      };
    }, xml);
    await p.close();
    expect(parsed).not.toHaveProperty('error');
    expect(parsed.root).toBe('rss');
    expect(parsed.channelTitle).toBe(NASTY_SHOP);
    expect(parsed.items!.find((i) => i.title === NASTY)).toMatchObject({
      price: '30000 IDR',
      salePrice: '25000 IDR',
      availability: 'out_of_stock',
      brand: NASTY_SHOP,
      condition: 'new',
    });
    expect(parsed.items!.every((i) => i.id && i.price?.endsWith(' IDR'))).toBe(true);
  });

  it('sitemap lists shops, published products, villages and districts on PUBLIC_URL; robots points to it', async () => {
    const robots = await fetch(`${server.url}/robots.txt`);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const r = await robots.text();
    expect(r).toContain(`Sitemap: ${server.url}/sitemap.xml`);
    expect(r).toContain('Disallow: /dashboard');
    const xml = await page('/sitemap.xml');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const path of [
      '/hk05',
      '/roti-balang',
      '/kopi-borongloe',
      '/hk05/p/telur-asin-bakar-isi-10',
      '/kopi-borongloe/p/kue-jahat',
      '/desa/romang-lompoa',
      '/desa/borongloe',
      '/kecamatan/bontomarannu',
    ]) {
      expect(locs, path).toContain(`${server.url}${path}`);
    }
    expect(xml).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    const p = await browser.newPage();
    const ok = await p.evaluate(
      (s) => !new DOMParser().parseFromString(s, 'application/xml').getElementsByTagName('parsererror').length,
      xml,
    );
    await p.close();
    expect(ok).toBe(true);
  });

  it('village and district pages list the shops and their products, linked; the home page links to them', async () => {
    const village = await page('/desa/romang-lompoa');
    expect(text(village)).toContain('Produk Desa Romang Lompoa');
    expect(text(village)).toContain('HK05 Telur Asin Bakar');
    expect(village).toContain('href="/hk05"');
    expect(village).toContain('href="/hk05/p/telur-asin-bakar-isi-10"');
    expect(text(village)).not.toContain('Roti Balang-Balang');
    const district = await page('/kecamatan/bontomarannu');
    noInjectedMarkup(district);
    const dt = text(district);
    for (const s of ['Desa Balang-Balang', 'Desa Borongloe', 'Desa Romang Lompoa', 'Roti Balang-Balang', NASTY_SHOP, NASTY])
      expect(dt).toContain(s);
    expect(district).toContain('href="/desa/borongloe"');
    expect(district).toContain('href="/kopi-borongloe/p/kue-jahat"');
    expect(meta(district, 'og:title')).toBe('Produk Kecamatan Bontomarannu · Etalase');
    const en = await (await fetch(`${server.url}/desa/romang-lompoa`, { headers: { cookie: 'lang=en' } })).text();
    expect(text(en)).toContain('Products of Romang Lompoa village');
    const home = await page('/');
    expect(home).toContain('href="/desa/romang-lompoa"');
    expect(home).toContain('href="/kecamatan/bontomarannu"');
  });
});

describe('sharing from the dashboard', () => {
  it('shows the owner the catalog link, a WhatsApp share link, both feed addresses and the products the feeds leave out', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@kopi-borongloe.test', DEMO_PASSWORD);
    const res = await owner.get('/dashboard/kopi-borongloe');
    expect(res.status).toBe(200);
    const html = await res.text();
    const inputs = Object.fromEntries(
      tags(html, 'input')
        .filter((i) => i.id)
        .map((i) => [i.id, i.value]),
    );
    expect(inputs).toMatchObject({
      'share-catalog': `${server.url}/kopi-borongloe`,
      'feed-meta': `${server.url}/kopi-borongloe/feed/meta.csv`,
      'feed-google': `${server.url}/kopi-borongloe/feed/google.xml`,
    });
    // Sharing posts to the dashboard (the first-steps checklist records it), which sends on to WhatsApp.
    expect(tags(html, 'form').some((f) => 'data-share-whatsapp' in f)).toBe(true);
    const shared = await owner.form('/dashboard/kopi-borongloe', { channel: 'whatsapp' });
    expect(shared.status).toBe(303);
    const share = new URL(shared.headers.get('location')!);
    expect(share.origin + share.pathname).toBe('https://wa.me/');
    expect(share.searchParams.get('text')).toBe(
      `Lihat produk ${NASTY_SHOP} dan pesan langsung lewat WhatsApp: ${server.url}/kopi-borongloe`,
    );
    // The left-out list names the photo-less product (escaped) and links to its edit page.
    expect(html).not.toContain('<b>aren</b>');
    const leftOut = html.slice(html.indexOf('data-feed-left-out'));
    expect(text(leftOut)).toContain('1 produk tidak ikut di feed');
    expect(text(leftOut)).toContain(NO_PHOTO);
    const edit = tags(leftOut, 'a')[0]!.href!;
    expect(edit).toMatch(/^\/dashboard\/kopi-borongloe\/produk\/[a-z0-9]+$/);
    expect((await owner.get(edit)).status).toBe(200);
    // English interface, same addresses.
    const en = await (await owner.get('/dashboard/kopi-borongloe?lang=en')).text();
    expect(text(en)).toContain('WhatsApp, Instagram and Google catalogs');
  });
});
