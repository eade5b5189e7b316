import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getProduct } from '#server/catalog/get-product.ts';
import { updateProduct } from '#server/catalog/update-product.ts';
import { deleteProduct } from '#server/catalog/delete-product.ts';

export const GET = handle(ROUTES.getProduct, async ({ ctx, shop: a }) => {
  return json({ product: await getProduct({ shopId: a.shop.id, productId: ctx.params.id ?? '', role: a.role }) });
});

export const PATCH = handle(ROUTES.updateProduct, async ({ ctx, body, shop: a }) => {
  const product = await updateProduct({
    shopId: a.shop.id,
    userId: a.user.id,
    role: a.role,
    productId: ctx.params.id ?? '',
    input: body,
    ip: ctx.locals.clientIp,
  });
  return json({ product });
});

export const DELETE = handle(ROUTES.deleteProduct, async ({ ctx, shop: a }) => {
  await deleteProduct({ shopId: a.shop.id, userId: a.user.id, role: a.role, productId: ctx.params.id ?? '', ip: ctx.locals.clientIp });
  return new Response(null, { status: 204 });
});
