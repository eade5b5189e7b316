import type { APIRoute } from 'astro';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { getFeedItems } from '#server/storefront/get-feed-items.ts';
import { googleXml } from '#server/storefront/feeds.ts';

/** Google Merchant Center product feed (cached by the middleware per shop version). */
export const GET: APIRoute = async ({ params, rewrite }) => {
  const shop = await findShopBySlug(params.shop ?? '');
  if (!shop) return rewrite('/404');
  const items = await getFeedItems(shop);
  return new Response(googleXml(shop, items), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
