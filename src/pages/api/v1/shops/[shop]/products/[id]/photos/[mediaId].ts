import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { deleteProductPhoto } from '#server/catalog/delete-product-photo.ts';

export const DELETE = handle(ROUTES.deleteProductPhoto, async ({ ctx, shop: a }) => {
  await deleteProductPhoto({
    shopId: a.shop.id,
    userId: a.user.id,
    role: a.role,
    productId: ctx.params.id ?? '',
    mediaId: ctx.params.mediaId ?? '',
    ip: ctx.locals.clientIp,
  });
  return new Response(null, { status: 204 });
});
