import type { APIRoute } from 'astro';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { listCatalog } from '#server/catalog/list-catalog.ts';
import { getPublishedBrand } from '#server/branding/get-published-brand.ts';
import { feedItems, metaCsv } from '#server/storefront/feeds.ts';

/** Meta Commerce Manager product feed (cached by the middleware per shop version). */
export const GET: APIRoute = async ({ params, rewrite }) => {
  const shop = await findShopBySlug(params.shop ?? '');
  if (!shop) return rewrite('/404');
  const { products } = await listCatalog({ shopId: shop.id });
  const brand = await getPublishedBrand(shop.id);
  return new Response(metaCsv(feedItems(shop, products, brand)), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `inline; filename="${shop.slug}-meta.csv"` },
  });
};
