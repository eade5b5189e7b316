import type { APIRoute } from 'astro';
import { findPublishedProductLink } from '#server/tenant/cross-shop.ts';
import { productPath } from '#server/catalog/links.ts';

/**
 * Permanent product link printed on labels and QR codes: always points at the product's current page,
 * whatever the shop's and the product's slugs have become since printing. Not cached, for that reason.
 */
export const GET: APIRoute = async (ctx) => {
  const id = ctx.params.id ?? '';
  const link = /^[a-z0-9]{1,32}$/.test(id) ? await findPublishedProductLink(id) : undefined;
  if (!link) return ctx.rewrite('/404' + ctx.url.search);
  return new Response(null, {
    status: 302,
    headers: { location: productPath(link.shopSlug, link.productSlug), 'cache-control': 'no-store' },
  });
};
