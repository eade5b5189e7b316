import type { Tx } from '../db/index.ts';
import { mediaUrl } from '../media/save-media.ts';
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

export function photoView(shopId: string, row: { media_id: string; alt: string; width: number; height: number; widths: string; placeholder: string }): PhotoView {
  const widths = (JSON.parse(row.widths) as number[]).slice().sort((a, b) => a - b);
  // A width above the original is rendered at the original's width; list each real width once.
  const seen = new Set<number>();
  const steps: { file: number; actual: number }[] = [];
  for (const w of widths) {
    const actual = Math.min(w, row.width);
    if (seen.has(actual)) continue;
    seen.add(actual);
    steps.push({ file: w, actual });
  }
  const set = (ext: string) => steps.map((s) => `${mediaUrl(shopId, row.media_id, `${s.file}.${ext}`)} ${s.actual}w`).join(', ');
  const srcWidth = widths.includes(640) ? 640 : widths[widths.length - 1]!;
  return {
    id: row.media_id, alt: row.alt, width: row.width, height: row.height, placeholder: row.placeholder,
    src: mediaUrl(shopId, row.media_id, `${srcWidth}.jpg`),
    srcset: { avif: set('avif'), webp: set('webp'), jpg: set('jpg') },
  };
}

/** Photos of the given products, in their order, grouped by product id. */
export async function photosOf(tx: Tx, shopId: string, productIds: string[]): Promise<Map<string, PhotoView[]>> {
  const out = new Map<string, PhotoView[]>();
  if (!productIds.length) return out;
  const rows = await tx.selectFrom('product_photos')
    .innerJoin('media', (j) => j.onRef('media.shop_id', '=', 'product_photos.shop_id').onRef('media.id', '=', 'product_photos.media_id'))
    .select(['product_photos.product_id', 'product_photos.media_id', 'product_photos.alt', 'product_photos.sort_order',
      'media.width', 'media.height', 'media.widths', 'media.placeholder'])
    .where('product_photos.shop_id', '=', shopId)
    .where('product_photos.product_id', 'in', productIds)
    .orderBy('product_photos.product_id').orderBy('product_photos.sort_order').orderBy('product_photos.media_id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push(photoView(shopId, r));
    out.set(r.product_id, list);
  }
  return out;
}

export type VariantRow = Selectable<ProductVariantsTable>;

export async function variantsOf(tx: Tx, shopId: string, productIds: string[]): Promise<Map<string, VariantRow[]>> {
  const out = new Map<string, VariantRow[]>();
  if (!productIds.length) return out;
  const rows = await tx.selectFrom('product_variants').selectAll()
    .where('shop_id', '=', shopId).where('product_id', 'in', productIds)
    .orderBy('product_id').orderBy('sort_order').orderBy('name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push(r);
    out.set(r.product_id, list);
  }
  return out;
}

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';
/** At or below this many left, the storefront may say "stok terbatas". */
export const LOW_STOCK = 5;

export function stockStatus(stock: number | null): StockStatus {
  if (stock === null) return 'in_stock';
  if (stock <= 0) return 'out_of_stock';
  return stock <= LOW_STOCK ? 'low_stock' : 'in_stock';
}

/** A product with variants is sold by variant: its stock is theirs (unlimited if any is unlimited). */
export function effectiveStock(product: { stock: number | null }, variants: { stock: number | null }[]): number | null {
  if (!variants.length) return product.stock;
  if (variants.some((v) => v.stock === null)) return null;
  return variants.reduce((n, v) => n + Math.max(0, v.stock ?? 0), 0);
}

/** Lowest and highest price a buyer can pay (variants' prices when there are variants). */
export function priceRange(product: { price: number }, variants: { price: number }[]): { min: number; max: number } {
  if (!variants.length) return { min: product.price, max: product.price };
  const prices = variants.map((v) => v.price);
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

export type ProductRow = Selectable<ProductsTable>;
