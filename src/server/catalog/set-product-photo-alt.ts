import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { loadProduct } from './get-product.ts';
import { findPhoto, orderedPhotos } from './product-photo-order.ts';

/** Caption a product photo (at most 200 characters). Bumps the shop's version. */
export async function setProductPhotoAlt(opts: {
  shopId: string;
  role: ShopRole;
  productId: string;
  mediaId: string;
  alt: string;
}): Promise<void> {
  requireCapability(opts.role, 'products.edit');
  await inShop(opts.shopId, async (scope) => {
    await loadProduct(scope.tx, scope.shopId, opts.productId);
    findPhoto(await orderedPhotos(scope, opts.productId), opts.mediaId);
    await scope.tx
      .updateTable('product_photos')
      .set({ alt: opts.alt.trim().slice(0, 200) })
      .where('shop_id', '=', scope.shopId)
      .where('product_id', '=', opts.productId)
      .where('media_id', '=', opts.mediaId)
      .execute();
    await bumpShopVersion(scope);
  });
}
