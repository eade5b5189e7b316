import type { APIRoute } from 'astro';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { getWebManifest } from '#server/storefront/get-web-manifest.ts';

/** The shop dashboard's web manifest (installable app); public, as browsers fetch manifests without cookies. */
export const GET: APIRoute = async ({ params, rewrite, locals }) => {
  const shop = await findShopBySlug(params.shop ?? '');
  if (!shop) return rewrite('/404');
  const manifest = await getWebManifest({ shopId: shop.id, slug: shop.slug, name: shop.name, locale: locals.locale });
  return new Response(JSON.stringify(manifest), {
    headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
};
