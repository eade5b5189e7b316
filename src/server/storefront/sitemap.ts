import { absoluteUrl } from '../config.ts';
import { xmlEscape } from './feeds.ts';

interface Entries {
  shops: { slug: string; updated_at: string }[];
  products: { shop_slug: string; slug: string; updated_at: string }[];
  places: { village_slug: string; district_slug: string; updated_at: string | null }[];
}

const day = (iso: string | null | undefined) => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null);
const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : a > b ? a : b);

export function sitemapXml(e: Entries): string {
  const urls: { loc: string; lastmod: string | null }[] = [];
  const newestProduct = new Map<string, string>();
  for (const p of e.products) newestProduct.set(p.shop_slug, later(newestProduct.get(p.shop_slug) ?? null, p.updated_at)!);
  for (const s of e.shops)
    urls.push({ loc: absoluteUrl(`/${s.slug}`), lastmod: day(later(s.updated_at, newestProduct.get(s.slug) ?? null)) });
  for (const p of e.products) urls.push({ loc: absoluteUrl(`/${p.shop_slug}/p/${p.slug}`), lastmod: day(p.updated_at) });
  const districts = new Map<string, string | null>();
  for (const pl of e.places) {
    urls.push({ loc: absoluteUrl(`/desa/${pl.village_slug}`), lastmod: day(pl.updated_at) });
    districts.set(pl.district_slug, later(districts.get(pl.district_slug) ?? null, pl.updated_at));
  }
  for (const [slug, updated] of districts) urls.push({ loc: absoluteUrl(`/kecamatan/${slug}`), lastmod: day(updated) });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
}

export function robotsTxt(): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /dashboard',
    'Disallow: /akun',
    'Disallow: /masuk',
    'Disallow: /daftar',
    'Disallow: /reset/',
    'Disallow: /undangan/',
    'Disallow: /bahasa',
    'Disallow: /*/keranjang',
    'Disallow: /*/checkout',
    '',
    `Sitemap: ${absoluteUrl('/sitemap.xml')}`,
    '',
  ].join('\n');
}
