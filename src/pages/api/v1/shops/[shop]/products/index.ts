import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { NotFound } from '#server/errors.ts';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { listPublicProducts } from '#server/catalog/list-public-products.ts';
import { createProduct } from '#server/catalog/create-product.ts';

/** Public: handle() resolves shop access only for member routes, so this one looks the shop up itself. */
export const GET = handle(ROUTES.publicProducts, async ({ ctx }) => {
  const shop = await findShopBySlug(ctx.params.shop ?? '');
  if (!shop) throw new NotFound();
  // The shop's version changes with every catalog or profile change, so it is a sound validator.
  const etag = `W/"${shop.id}-${shop.version}"`;
  const headers = { etag, 'cache-control': 'public, max-age=0, must-revalidate' };
  if (ctx.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const products = await listPublicProducts(shop);
  return json({ shop: { slug: shop.slug, name: shop.name }, products }, { headers });
});

export const POST = handle(ROUTES.createProduct, async ({ ctx, body, shop: a }) => {
  const product = await createProduct({
    shopId: a.shop.id,
    userId: a.user.id,
    role: a.role,
    input: body,
    ip: ctx.locals.clientIp,
  });
  return json({ product }, { status: 201 });
});
