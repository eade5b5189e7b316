import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { readUploads } from '#server/http/uploads.ts';
import { addProductPhotos } from '#server/catalog/add-product-photos.ts';

export const POST = handle(ROUTES.addProductPhotos, async ({ ctx, shop: a }) => {
  const { files, fields } = await readUploads(ctx, { field: 'file' });
  const photos = await addProductPhotos({
    shopId: a.shop.id,
    productId: ctx.params.id ?? '',
    userId: a.user.id,
    role: a.role,
    files,
    alt: fields.alt,
    ip: ctx.locals.clientIp,
  });
  return json({ photos }, { status: 201 });
});
