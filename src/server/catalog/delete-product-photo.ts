import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { storage } from '../media/storage.ts';
import { loadProduct } from './get-product.ts';
import { findPhoto, orderedPhotos } from './product-photo-order.ts';

/** Remove a photo: its rows now, its stored files right after the transaction commits. Bumps the shop's version. */
export async function deleteProductPhoto(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  productId: string;
  mediaId: string;
  ip?: string;
}): Promise<void> {
  requireCapability(opts.role, 'products.edit');
  await inShop(opts.shopId, async (scope) => {
    const p = await loadProduct(scope.tx, scope.shopId, opts.productId);
    findPhoto(await orderedPhotos(scope, opts.productId), opts.mediaId);
    await scope.tx
      .deleteFrom('product_photos')
      .where('shop_id', '=', scope.shopId)
      .where('product_id', '=', p.id)
      .where('media_id', '=', opts.mediaId)
      .execute();
    await scope.tx.deleteFrom('media').where('shop_id', '=', scope.shopId).where('id', '=', opts.mediaId).execute();
    await bumpShopVersion(scope);
    await recordAudit({
      tx: scope.tx,
      shopId: scope.shopId,
      userId: opts.userId,
      action: 'product.photo_deleted',
      ip: opts.ip,
      details: { product: p.name },
    });
  });
  await storage().delete(`${opts.shopId}/${opts.mediaId}`);
}
