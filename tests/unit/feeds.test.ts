import { describe, expect, it } from 'vitest';
import { feedItems, googleXml, metaCsv, productsLeftOutOfFeeds } from '#server/storefront/feeds.ts';
import { sitemapXml, robotsTxt } from '#server/storefront/sitemap.ts';
import type { PublicProduct } from '#server/catalog/published-products.ts';
import { csvObjects } from '../helpers/csv.ts';

const NASTY = '</script><script>alert(1)</script> & "Kue" #1 50%';
const photo = { shopId: 's1', mediaId: 'm1', width: 1000, height: 800, widths: [320, 640, 1000], placeholder: '', alt: '' };
const product = (over: Partial<PublicProduct> = {}): PublicProduct => ({
  shopId: 's1',
  id: 'p1',
  slug: 'kue',
  name: NASTY,
  description: 'Baris 1,\nbaris "2"\u0001',
  category: 'Kue & roti',
  unit: 'pak',
  netContent: '1 kg',
  price: 25000,
  maxPrice: 25000,
  compareAtPrice: 30000,
  variants: [],
  stock: 0,
  photos: [photo, { ...photo, mediaId: 'm2' }],
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('product feeds', () => {
  const shop = { slug: 'hk05', name: 'HK05 <Telur> & "Asin"', description: 'd' };
  const items = feedItems(
    shop,
    [
      product(),
      product({
        id: 'p2',
        slug: 'kopi',
        name: 'Kopi',
        compareAtPrice: null,
        stock: null,
        photos: [{ ...photo, mediaId: 'm3' }],
        variants: [
          { id: 'v1', name: '250 g', price: 45000, compareAtPrice: null, stock: 3 },
          { id: 'v2', name: '500 g', price: 85000, compareAtPrice: 90000, stock: 0 },
        ],
      }),
    ],
    null,
  );

  it('Meta CSV: Meta field names, "25000 IDR" prices, sale price, variants grouped, text round-trips exactly', () => {
    const rows = csvObjects(metaCsv(items));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      id: 'p1',
      title: NASTY,
      availability: 'out of stock',
      condition: 'new',
      price: '30000 IDR',
      sale_price: '25000 IDR',
      brand: 'HK05 <Telur> & "Asin"',
      product_type: 'Kue & roti',
      item_group_id: '',
    });
    expect(rows[0]!.description).toBe('Baris 1,\nbaris "2"'); // control character dropped, the rest intact
    expect(rows[0]!.link).toMatch(/^https?:\/\/.+\/hk05\/p\/kue$/);
    expect(rows[0]!.image_link).toMatch(/\/media\/s1\/m1\/1280\.jpg$/);
    expect(rows[0]!.additional_image_link).toMatch(/\/media\/s1\/m2\/1280\.jpg$/);
    expect(rows[1]).toMatchObject({
      id: 'v1',
      item_group_id: 'p2',
      title: 'Kopi – 250 g',
      availability: 'in stock',
      price: '45000 IDR',
      sale_price: '',
    });
    expect(rows[2]).toMatchObject({ id: 'v2', availability: 'out of stock', price: '90000 IDR', sale_price: '85000 IDR' });
  });

  it('leaves out a product with no image (Meta and Google refuse it) unless the brand has a share image', () => {
    const bare = product({ id: 'p3', slug: 'gula', name: 'Gula aren', photos: [] });
    expect(feedItems(shop, [bare, product()], null).map((i) => i.id)).toEqual(['p1']);
    expect(productsLeftOutOfFeeds([bare, product()], null).map((p) => p.id)).toEqual(['p3']);
    const brand = { ogImageUrl: '/media/s1/og1/og.png' } as unknown as Parameters<typeof feedItems>[2];
    expect(feedItems(shop, [bare], brand)[0]!.imageLink).toMatch(/^https?:\/\/.+\/media\/s1\/og1\/og\.png$/);
    expect(productsLeftOutOfFeeds([bare], brand)).toEqual([]);
  });

  it('Google XML: escaped, g: namespace fields', () => {
    const xml = googleXml(shop, items);
    expect(xml).toContain('xmlns:g="http://base.google.com/ns/1.0"');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Kue&quot; #1 50%</title>');
    expect(xml).toContain('<g:price>30000 IDR</g:price><g:sale_price>25000 IDR</g:sale_price>');
    expect(xml).toContain('<g:availability>out_of_stock</g:availability>');
    expect(xml).toContain('<g:item_group_id>p2</g:item_group_id>');
    expect(xml).toContain('<g:brand>HK05 &lt;Telur&gt; &amp; &quot;Asin&quot;</g:brand>');
    // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    // Every element opened is closed, in order (a strict check; the HTTP test parses it in Chromium too).
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-zA-Z:]+)[^>]*?(\/?)>/g)) {
      if (m[0].startsWith('<?')) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else if (!m[3]) stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
  });
});

describe('sitemap and robots', () => {
  it('lists shops, products, villages and districts with lastmod', () => {
    const xml = sitemapXml({
      shops: [{ slug: 'hk05', updated_at: '2026-10-01T00:00:00Z' }],
      products: [{ shop_slug: 'hk05', slug: 'telur', updated_at: '2026-11-02T10:00:00Z' }],
      places: [{ village_slug: 'romang-lompoa', district_slug: 'bontomarannu', updated_at: '2026-10-05T00:00:00Z' }],
    });
    expect(xml).toMatch(/<loc>[^<]+\/hk05<\/loc><lastmod>2026-11-02<\/lastmod>/); // newest of shop and products
    expect(xml).toMatch(/<loc>[^<]+\/hk05\/p\/telur<\/loc><lastmod>2026-11-02<\/lastmod>/);
    expect(xml).toMatch(/\/desa\/romang-lompoa<\/loc>/);
    expect(xml).toMatch(/\/kecamatan\/bontomarannu<\/loc>/);
    expect(robotsTxt()).toMatch(/^Sitemap: https?:\/\/.+\/sitemap\.xml$/m);
  });
});
