import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { storage } from '../media/storage.ts';
import { loadProduct } from './get-product.ts';

/**
 * Delete a product with its variants and photos (rows, then stored files once the transaction has
 * committed). Orders keep their own copy of name and price, so past orders are unaffected.
 */
export async function deleteProduct(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  productId: string;
  ip?: string;
}): Promise<void> {
  requireCapability(opts.role, 'products.edit');
  const mediaIds = await inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const p = await loadProduct(tx, shopId, opts.productId);
    const photos = await tx
      .selectFrom('product_photos')
      .select('media_id')
      .where('shop_id', '=', shopId)
      .where('product_id', '=', p.id)
      .execute();
    const ids = photos.map((r) => r.media_id);
    await tx.deleteFrom('product_photos').where('shop_id', '=', shopId).where('product_id', '=', p.id).execute();
    if (ids.length) await tx.deleteFrom('media').where('shop_id', '=', shopId).where('id', 'in', ids).execute();
    await tx.deleteFrom('product_variants').where('shop_id', '=', shopId).where('product_id', '=', p.id).execute();
    await tx.deleteFrom('products').where('shop_id', '=', shopId).where('id', '=', p.id).execute();
    await bumpShopVersion(scope);
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'product.deleted', ip: opts.ip, details: { product: p.name } });
    return ids;
  });
  for (const id of mediaIds) await storage().delete(`${opts.shopId}/${id}`);
}
