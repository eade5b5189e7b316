import { describe, expect, it } from 'vitest';
import { jsonLdText } from '#server/storefront/json-ld.ts';
import { addedReturnTo, catalogParams } from '#server/storefront/catalog-query.ts';
import { cachePlan, etagMatches, pickEncoding, PageLru, type CachedPage } from '#server/storefront/page-cache.ts';
import { initials, shopTheme } from '#server/storefront/brand-style.ts';
import { publicProfile } from '#server/catalog/public-profile.ts';
import { srcset } from '#server/storefront/images.ts';
import { stockState } from '#server/catalog/published-products.ts';
import type { PublishedBrand } from '#server/branding/get-published-brand.ts';

export const NASTY = '</script><script>alert(1)</script> & "Kue" #1 50%';

describe('JSON-LD serialisation', () => {
  it('cannot end the script element and parses back to the same text', () => {
    const data = { name: NASTY, sep: 'a\u2028b\u2029c', amp: 'R&D <b>' };
    const text = jsonLdText(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text.toLowerCase()).not.toContain('</script');
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe('catalog query normalisation (one cache key per rendering)', () => {
  const u = (s: string) => new URL(`http://x/hk05${s}`);
  it('keeps only kategori and q, normalised', () => {
    expect(catalogParams(u('?utm_source=fb&q=%20%20Telur%20%20ASIN%20&zzz=1'))).toEqual({
      kategori: null,
      q: 'telur asin',
      search: '?q=telur+asin',
      ditambah: null,
      cacheSearch: '?q=telur+asin',
    });
    expect(catalogParams(u('?kategori=telur-asin')).search).toBe('?kategori=telur-asin');
    expect(catalogParams(u('?kategori=<script>')).kategori).toBeNull();
    expect(catalogParams(u(`?q=${'x'.repeat(500)}`)).q).toHaveLength(60);
    expect(catalogParams(u('?q=%00%1f')).q).toBeNull();
    expect(catalogParams(u('?q=a&kategori=b')).search).toBe(catalogParams(u('?kategori=b&q=A')).search);
  });

  it('keeps the added-to-cart mark out of the canonical query but in the cache key', () => {
    const p = catalogParams(u('?ditambah=abc123&q=Kue'));
    expect(p).toMatchObject({ ditambah: 'abc123', search: '?q=kue', cacheSearch: '?q=kue&ditambah=abc123' });
    expect(catalogParams(u('?ditambah=%3Cscript%3E')).ditambah).toBeNull();
  });

  it('sends an add back to the page it came from, at the product, marked', () => {
    expect(addedReturnTo('/hk05?q=kue', 'abc123')).toBe('/hk05?q=kue&ditambah=abc123#p-abc123');
    expect(addedReturnTo('/hk05/p/telur-asin#x', 'abc123')).toBe('/hk05/p/telur-asin?ditambah=abc123#p-abc123');
    expect(addedReturnTo('/hk05/keranjang', 'abc123')).toBe('/hk05/keranjang');
    expect(addedReturnTo('//evil.example/x', 'abc123')).toBe('//evil.example/x');
    expect(addedReturnTo('/\t/evil.example', 'abc123')).toBe('/\t/evil.example');
    expect(addedReturnTo(undefined, 'abc123')).toBeUndefined();
  });
});

describe('cache plan', () => {
  const plan = (s: string) => cachePlan(new URL(`http://x${s}`));
  it('covers public shop pages only', () => {
    expect(plan('/hk05')).toMatchObject({ scope: 'shop', slug: 'hk05', path: '/hk05', localized: true, bounded: false });
    expect(plan('/hk05/?q=Kue&x=1')).toMatchObject({ path: '/hk05?q=kue', bounded: true });
    expect(plan('/hk05/p/telur-asin')).toMatchObject({ scope: 'shop', path: '/hk05/p/telur-asin', bounded: false });
    expect(plan('/hk05/p/telur-asin?utm=1')!.path).toBe('/hk05/p/telur-asin');
    expect(plan('/hk05/p/telur-asin?ditambah=abc&q=x')).toMatchObject({ path: '/hk05/p/telur-asin?ditambah=abc', bounded: true });
    expect(plan('/hk05?ditambah=abc')).toMatchObject({ path: '/hk05?ditambah=abc', bounded: true });
    expect(plan('/hk05/feed/meta.csv')).toMatchObject({ localized: false });
    expect(plan('/desa/romang-lompoa')).toMatchObject({ scope: 'directory' });
    expect(plan('/sitemap.xml')).toMatchObject({ scope: 'directory', localized: false });
    for (const p of [
      '/dashboard',
      '/masuk',
      '/akun',
      '/api/v1/session',
      '/hk05/keranjang',
      '/hk05/checkout',
      '/program',
      '/',
      '/media/a/b/320.jpg',
    ]) {
      expect(plan(p), p).toBeNull();
    }
  });
});

describe('HTTP negotiation', () => {
  it('prefers brotli, honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(null)).toBeNull();
    expect(pickEncoding('*')).toBe('br');
  });
  it('matches If-None-Match weakly, in lists and *', () => {
    expect(etagMatches('W/"3-abc"', 'W/"3-abc"')).toBe(true);
    expect(etagMatches('"3-abc"', 'W/"3-abc"')).toBe(true);
    expect(etagMatches('W/"2-x", W/"3-abc"', 'W/"3-abc"')).toBe(true);
    expect(etagMatches('*', 'W/"3-abc"')).toBe(true);
    expect(etagMatches('W/"4-abc"', 'W/"3-abc"')).toBe(false);
    expect(etagMatches(null, 'W/"3-abc"')).toBe(false);
  });
});

describe('page LRU', () => {
  const entry = (key: string, bytes: number, scopeId = 's', version = '1'): CachedPage => {
    const b = new Uint8Array(0);
    return { key, scopeId, version, etag: '', contentType: 'text/html', cacheControl: '', csp: null, identity: b, gzip: b, br: b, bytes };
  };
  it('is bounded by bytes and entries, evicting the least recently used', () => {
    const lru = new PageLru(1000, 3);
    lru.set(entry('a', 400));
    lru.set(entry('b', 400));
    lru.get('a');
    lru.set(entry('c', 400)); // over 1000 bytes: b (least recently used) goes
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.bytes).toBe(800);
    lru.set(entry('d', 10));
    lru.set(entry('e', 10)); // over 3 entries
    expect(lru.size).toBe(3);
    lru.set(entry('huge', 5000));
    expect(lru.get('huge')).toBeUndefined();
  });
  it("drops a scope's other versions", () => {
    const lru = new PageLru(10_000, 100);
    lru.set(entry('s|1|a', 10, 's', '1'));
    lru.set(entry('s|1|b', 10, 's', '1'));
    lru.set(entry('t|1|a', 10, 't', '1'));
    lru.dropStale('s', '2');
    expect(lru.size).toBe(1);
    expect(lru.get('t|1|a')).toBeDefined();
  });
});

describe('brand theme', () => {
  const brand = (over: Partial<PublishedBrand> = {}): PublishedBrand => ({
    version: 1,
    tagline: 'x',
    logo: { url512: '/media/s/m/512.png', url1024: '/media/s/m/1024.png' },
    favicon: { png32: '/media/s/f/32.png', apple180: '/media/s/f/180.png', png512: '/media/s/f/512.png' },
    ogImageUrl: '/media/s/o/1200.jpg',
    colors: { primary: '#123456', onPrimary: '#ffffff', accent: '#abcdef', onAccent: '#000000', palette: [] },
    fonts: {
      heading: { family: 'Playfair Display', url: '/brand/fonts-web/PlayfairDisplay_700Bold.woff' },
      body: { family: 'Poppins', url: '/fonts/poppins.ttf' },
    },
    ...over,
  });
  it('uses the default theme without a brand', () => {
    const t = shopTheme(null);
    expect(t.css).toContain('--accent:#9a3f16');
    expect(t.fontUrls).toEqual([]);
    expect(t.logoUrl).toBeNull();
  });
  it('takes checked colours and web fonts only (swap), and rejects anything that could break out of CSS', () => {
    const t = shopTheme(brand());
    expect(t.css).toContain('--primary:#123456');
    expect(t.css).toContain('font-display:swap');
    expect(t.fontUrls).toEqual(['/brand/fonts-web/PlayfairDisplay_700Bold.woff']); // the TTF body font is not loaded
    expect(t.css).toContain('format("woff")');
    expect(t.logoUrl).toBe('/media/s/m/512.png');
    const evil = shopTheme(
      brand({
        colors: { primary: 'red;}</style><script>alert(1)</script>', onPrimary: '#fff', accent: 'url(x)', onAccent: '#000', palette: [] },
        fonts: { heading: { family: 'X"}body{display:none', url: '/a.woff2' }, body: { family: 'Ok', url: 'javascript:alert(1)//.woff2' } },
        logo: { url512: '"><script>', url1024: '' },
        ogImageUrl: 'http://evil.example/x.jpg',
      }),
    );
    expect(evil.css).not.toMatch(/<|script|url\(x\)|display:none|javascript/);
    expect(evil.css).toContain('--primary:#fffdf9');
    expect(evil.logoUrl).toBeNull();
    expect(evil.shareImage).toBeNull();
    expect(evil.fontUrls).toEqual([]);
  });
  it('keeps link text readable: a light brand accent falls back to the primary or ink', () => {
    const light = shopTheme(
      brand({ colors: { primary: '#ffe066', onPrimary: '#000000', accent: '#f5c518', onAccent: '#000000', palette: [] } }),
    );
    expect(light.css).toContain('--link:#231c15');
    const dark = shopTheme(
      brand({ colors: { primary: '#ffe066', onPrimary: '#000000', accent: '#1d4ed8', onAccent: '#ffffff', palette: [] } }),
    );
    expect(dark.css).toContain('--link:#1d4ed8');
    expect(shopTheme(null).css).toContain('--link:#9a3f16');
  });
  it('makes initials', () => {
    expect(initials('HK05 Telur Asin Bakar')).toBe('HT');
    expect(initials('kopi')).toBe('K');
    expect(initials('<<>>')).toBe('?');
  });
});

describe('public profile lines', () => {
  it('folds equal days, lists the delivery options offered, links social accounts over https', () => {
    const day = (open: string, close: string) => ({ closed: false, open, close });
    const raw = JSON.stringify({
      hours: {
        mon: day('08:00', '17:00'),
        tue: day('08:00', '17:00'),
        wed: day('08:00', '17:00'),
        thu: day('08:00', '17:00'),
        fri: day('08:00', '11:30'),
        sat: { closed: false, open: '', close: '' },
        sun: { closed: true, open: '', close: '' },
      },
      hoursNote: 'Tutup saat salat Jumat',
      delivery: {
        pickup: { enabled: true, note: '' },
        local: { enabled: true, fee: 5000, area: 'Bontomarannu' },
        courier: { enabled: false, note: '' },
      },
      social: { instagram: 'hk05.telur', facebook: '', tiktok: '', website: '' },
    });
    const p = publicProfile(raw, 'id');
    expect(p.hours).toEqual(['Senin–Kamis: 08:00–17:00', 'Jumat: 08:00–11:30', 'Minggu: Libur', 'Tutup saat salat Jumat']);
    expect(p.delivery).toEqual(['Ambil sendiri di toko', 'Diantar penjual (sekitar toko) · Rp 5.000 · Bontomarannu']);
    expect(p.social).toEqual([{ label: '@hk05.telur', url: 'https://www.instagram.com/hk05.telur/' }]);
    expect(publicProfile(raw, 'en').hours[0]).toBe('Monday–Thursday: 08:00–17:00');
    expect(publicProfile('not json', 'id')).toEqual({ hours: [], delivery: ['Ambil sendiri di toko'], social: [] });
  });
});

describe('images and stock', () => {
  it('lists real widths in srcset (no upscaled sizes twice)', () => {
    const photo = { shopId: 's', mediaId: 'm', width: 900, height: 600, widths: [320, 640, 900], placeholder: '', alt: '' };
    expect(srcset(photo, 'webp')).toBe('/media/s/m/320.webp 320w, /media/s/m/640.webp 640w, /media/s/m/1280.webp 900w');
    expect(srcset({ ...photo, width: 500 }, 'avif')).toBe('/media/s/m/320.avif 320w, /media/s/m/640.avif 500w');
  });
  it('says Habis / Tersisa N', () => {
    expect(stockState(0)).toEqual({ kind: 'out' });
    expect(stockState(3)).toEqual({ kind: 'low', left: 3 });
    expect(stockState(50)).toEqual({ kind: 'ok' });
    expect(stockState(null)).toEqual({ kind: 'ok' });
  });
});
