import type { APIRoute } from 'astro';
import { sitemapEntries } from '../server/tenant/cross-shop.ts';
import { sitemapXml } from '../server/storefront/sitemap.ts';

/** All shops, published products, and village/district pages (cached by the middleware). */
export const GET: APIRoute = async () =>
  new Response(sitemapXml(await sitemapEntries()), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
