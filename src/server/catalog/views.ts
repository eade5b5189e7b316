import type { Tx } from '../db/index.ts';
import { mediaPath, srcset } from '../storefront/images.ts';
import { publicPhoto, type PublicPhoto } from './published-products.ts';
import type { ProductsTable, ProductVariantsTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

/** A product photo ready for `<picture>`: a srcset per format (widths never above the stored image). */
export interface PhotoView {
  id: string;
  alt: string;
  width: number;
  height: number;
  /** Tiny blurred image (data: URI) to show while the real one loads. */
  placeholder: string;
  /** 640 px JPEG: a safe `src` for any browser, and for feeds. */
  src: string;
  srcset: { avif: string; webp: string; jpg: string };
}

/** The same photo rules as the storefront (storefront/images.ts), as one object for `<picture>` and the API. */
export function photoView(photo: PublicPhoto): PhotoView {
  return {
    id: photo.mediaId,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    placeholder: photo.placeholder,
    src: mediaPath(photo.shopId, photo.mediaId, 640, 'jpg'),
    srcset: { avif: srcset(photo, 'avif'), webp: srcset(photo, 'webp'), jpg: srcset(photo, 'jpg') },
  };
}

/** Photos of the given products, in their order, grouped by product id. */
export async function photosOf(tx: Tx, shopId: string, productIds: string[]): Promise<Map<string, PhotoView[]>> {
  const out = new Map<string, PhotoView[]>();
  if (!productIds.length) return out;
  const rows = await tx
    .selectFrom('product_photos')
    .innerJoin('media', (j) => j.onRef('media.shop_id', '=', 'product_photos.shop_id').onRef('media.id', '=', 'product_photos.media_id'))
    .select([
      'product_photos.product_id',
      'product_photos.media_id',
      'product_photos.alt',
      'product_photos.sort_order',
      'media.width',
      'media.height',
      'media.widths',
      'media.placeholder',
    ])
    .where('product_photos.shop_id', '=', shopId)
    .where('product_photos.product_id', 'in', productIds)
    .orderBy('product_photos.product_id')
    .orderBy('product_photos.sort_order')
    .orderBy('product_photos.media_id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push(photoView(publicPhoto(shopId, r)));
    out.set(r.product_id, list);
  }
  return out;
}

export type VariantRow = Selectable<ProductVariantsTable>;

export async function variantsOf(tx: Tx, shopId: string, productIds: string[]): Promise<Map<string, VariantRow[]>> {
  const out = new Map<string, VariantRow[]>();
  if (!productIds.length) return out;
  const rows = await tx
    .selectFrom('product_variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push(r);
    out.set(r.product_id, list);
  }
  return out;
}

export type ProductRow = Selectable<ProductsTable>;
