import type { APIRoute } from 'astro';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { getFeedItems } from '#server/storefront/get-feed-items.ts';
import { metaCsv } from '#server/storefront/feeds.ts';

/** Meta Commerce Manager product feed (cached by the middleware per shop version). */
export const GET: APIRoute = async ({ params, rewrite }) => {
  const shop = await findShopBySlug(params.shop ?? '');
  if (!shop) return rewrite('/404');
  const items = await getFeedItems(shop);
  return new Response(metaCsv(items), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `inline; filename="${shop.slug}-meta.csv"` },
  });
};
