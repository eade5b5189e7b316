import { PHOTOS_FORM_BYTES } from '../http/body-limits.ts';
import { Invalid } from '../errors.ts';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { processImage, type ProcessedImage } from '../media/process-image.ts';
import { saveMedia } from '../media/save-media.ts';
import { MAX_PHOTOS } from './schemas.ts';
import { loadProduct } from './get-product.ts';
import { photosOf, type PhotoView } from './views.ts';

/** A whole upload request may carry at most this much (8 photos at the per-file cap, plus form overhead). */
export const MAX_UPLOAD_REQUEST_BYTES = PHOTOS_FORM_BYTES;

/**
 * Check and encode uploads before any transaction: a bad file (not an image, too large, a pixel bomb)
 * fails the whole request with nothing written, and no transaction is held open while sharp works.
 */
export async function prepareUploads(files: Buffer[], alreadyThere: number): Promise<ProcessedImage[]> {
  if (alreadyThere + files.length > MAX_PHOTOS) throw new Invalid({ file: ['catalog.photoLimit'] }, 'catalog.photoLimit');
  const out: ProcessedImage[] = [];
  for (const f of files) out.push(await processImage(f));
  return out;
}

/** Store prepared photos for a product inside the caller's transaction, after its existing photos. */
export async function attachPhotos(
  scope: ShopScope,
  opts: { productId: string; images: ProcessedImage[]; alt: string; userId: string | null },
): Promise<string[]> {
  const { tx, shopId } = scope;
  const current = await tx
    .selectFrom('product_photos')
    .select(['sort_order'])
    .where('shop_id', '=', shopId)
    .where('product_id', '=', opts.productId)
    .execute();
  if (current.length + opts.images.length > MAX_PHOTOS) throw new Invalid({ file: ['catalog.photoLimit'] }, 'catalog.photoLimit');
  let next = current.reduce((m, r) => Math.max(m, r.sort_order + 1), 0);
  const ids: string[] = [];
  for (const img of opts.images) {
    const media = await saveMedia(scope, {
      data: img.original,
      processed: img,
      purpose: 'product_photo',
      visibility: 'public',
      userId: opts.userId,
    });
    await tx
      .insertInto('product_photos')
      .values({ shop_id: shopId, product_id: opts.productId, media_id: media.id, alt: opts.alt, sort_order: next++ })
      .execute();
    ids.push(media.id);
  }
  return ids;
}

/** Upload photos to a product (up to 8 in all). Returns the product's photos, in order. */
export async function addProductPhotos(opts: {
  shopId: string;
  productId: string;
  userId: string;
  role: ShopRole;
  files: Buffer[];
  alt?: string;
  ip?: string;
}): Promise<PhotoView[]> {
  requireCapability(opts.role, 'products.edit');
  if (!opts.files.length) throw new Invalid({ file: ['catalog.photoMissing'] });
  const count = await inShop(opts.shopId, async ({ tx, shopId }) => {
    await loadProduct(tx, shopId, opts.productId);
    const rows = await tx
      .selectFrom('product_photos')
      .select('media_id')
      .where('shop_id', '=', shopId)
      .where('product_id', '=', opts.productId)
      .execute();
    return rows.length;
  });
  const images = await prepareUploads(opts.files, count);
  return inShop(opts.shopId, async (scope) => {
    const product = await loadProduct(scope.tx, scope.shopId, opts.productId);
    const ids = await attachPhotos(scope, {
      productId: product.id,
      images,
      alt: (opts.alt ?? '').trim().slice(0, 200),
      userId: opts.userId,
    });
    await bumpShopVersion(scope);
    await recordAudit({
      tx: scope.tx,
      shopId: scope.shopId,
      userId: opts.userId,
      action: 'product.photos_added',
      ip: opts.ip,
      details: { product: product.name, photos: ids.length },
    });
    return (await photosOf(scope.tx, scope.shopId, [product.id])).get(product.id) ?? [];
  });
}
