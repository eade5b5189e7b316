import { NotFound } from '../errors.ts';
import type { ShopScope } from '../tenant/index.ts';

/** A product's photos in display order (the first is the cover), for the photo use cases. */
export async function orderedPhotos(scope: ShopScope, productId: string) {
  return scope.tx
    .selectFrom('product_photos')
    .select(['media_id', 'sort_order', 'alt'])
    .where('shop_id', '=', scope.shopId)
    .where('product_id', '=', productId)
    .orderBy('sort_order')
    .orderBy('media_id')
    .execute();
}

export function findPhoto<T extends { media_id: string }>(photos: T[], mediaId: string): number {
  const i = photos.findIndex((p) => p.media_id === mediaId);
  if (i < 0) throw new NotFound('catalog.photoNotFound');
  return i;
}
