import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { loadProduct } from './get-product.ts';
import { findPhoto, orderedPhotos } from './product-photo-order.ts';

/** Move a photo one place earlier or later (the first photo is the product's cover). Bumps the shop's version. */
export async function moveProductPhoto(opts: {
  shopId: string;
  role: ShopRole;
  productId: string;
  mediaId: string;
  direction: 'up' | 'down';
}): Promise<void> {
  requireCapability(opts.role, 'products.edit');
  await inShop(opts.shopId, async (scope) => {
    await loadProduct(scope.tx, scope.shopId, opts.productId);
    const photos = await orderedPhotos(scope, opts.productId);
    const i = findPhoto(photos, opts.mediaId);
    const j = opts.direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= photos.length) return;
    [photos[i], photos[j]] = [photos[j]!, photos[i]!];
    for (const [n, p] of photos.entries()) {
      if (p.sort_order === n) continue;
      await scope.tx
        .updateTable('product_photos')
        .set({ sort_order: n })
        .where('shop_id', '=', scope.shopId)
        .where('product_id', '=', opts.productId)
        .where('media_id', '=', p.media_id)
        .execute();
    }
    await bumpShopVersion(scope);
  });
}
