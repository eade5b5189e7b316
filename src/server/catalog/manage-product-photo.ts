import { NotFound } from '../errors.ts';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { storage } from '../media/storage.ts';
import { loadProduct } from './get-product.ts';

/** Reorder, caption and delete a product's photos. Each change bumps the shop's version. */

async function orderedPhotos(scope: ShopScope, productId: string) {
  return scope.tx.selectFrom('product_photos').select(['media_id', 'sort_order', 'alt'])
    .where('shop_id', '=', scope.shopId).where('product_id', '=', productId)
    .orderBy('sort_order').orderBy('media_id').execute();
}

function findPhoto<T extends { media_id: string }>(photos: T[], mediaId: string): number {
  const i = photos.findIndex((p) => p.media_id === mediaId);
  if (i < 0) throw new NotFound('catalog.photoNotFound');
  return i;
}

/** Move a photo one place earlier or later (the first photo is the product's cover). */
export async function moveProductPhoto(opts: { shopId: string; productId: string; mediaId: string; direction: 'up' | 'down' }): Promise<void> {
  await inShop(opts.shopId, async (scope) => {
    await loadProduct(scope.tx, scope.shopId, opts.productId);
    const photos = await orderedPhotos(scope, opts.productId);
    const i = findPhoto(photos, opts.mediaId);
    const j = opts.direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= photos.length) return;
    [photos[i], photos[j]] = [photos[j]!, photos[i]!];
    for (const [n, p] of photos.entries()) {
      if (p.sort_order === n) continue;
      await scope.tx.updateTable('product_photos').set({ sort_order: n })
        .where('shop_id', '=', scope.shopId).where('product_id', '=', opts.productId).where('media_id', '=', p.media_id).execute();
    }
    await bumpShopVersion(scope);
  });
}

export async function setProductPhotoAlt(opts: { shopId: string; productId: string; mediaId: string; alt: string }): Promise<void> {
  await inShop(opts.shopId, async (scope) => {
    await loadProduct(scope.tx, scope.shopId, opts.productId);
    findPhoto(await orderedPhotos(scope, opts.productId), opts.mediaId);
    await scope.tx.updateTable('product_photos').set({ alt: opts.alt.trim().slice(0, 200) })
      .where('shop_id', '=', scope.shopId).where('product_id', '=', opts.productId).where('media_id', '=', opts.mediaId).execute();
    await bumpShopVersion(scope);
  });
}

/** Remove a photo: its rows now, its stored files right after the transaction commits. */
export async function deleteProductPhoto(opts: { shopId: string; userId: string; productId: string; mediaId: string; ip?: string }): Promise<void> {
  await inShop(opts.shopId, async (scope) => {
    const p = await loadProduct(scope.tx, scope.shopId, opts.productId);
    findPhoto(await orderedPhotos(scope, opts.productId), opts.mediaId);
    await scope.tx.deleteFrom('product_photos')
      .where('shop_id', '=', scope.shopId).where('product_id', '=', p.id).where('media_id', '=', opts.mediaId).execute();
    await scope.tx.deleteFrom('media').where('shop_id', '=', scope.shopId).where('id', '=', opts.mediaId).execute();
    await bumpShopVersion(scope);
    await recordAudit({ tx: scope.tx, shopId: scope.shopId, userId: opts.userId, action: 'product.photo_deleted', ip: opts.ip, details: { product: p.name } });
  });
  await storage().delete(`${opts.shopId}/${opts.mediaId}`);
}
