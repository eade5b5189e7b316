import type { Db, Tx } from '../db/index.ts';

/**
 * THE model of a published product: what customers see (no unit cost, no draft, only public photos).
 * The storefront, the directory, the feeds, JSON-LD and the public API (a projection: api-product-view.ts)
 * all read it, so they show the same price, compare-at, stock and photo rules. Loaded for the shop's own
 * pages inside inShop (one shop id) and by the named cross-shop directory reader (several shop ids).
 */
export interface PublicPhoto {
  shopId: string;
  mediaId: string;
  width: number;
  height: number;
  /** Rendered widths of the stored sizes (320/640/1280 names, never upscaled). */
  widths: number[];
  placeholder: string;
  alt: string;
}

/** A stored photo row (product_photos joined with media) as the one photo model; URLs: storefront/images.ts. */
export function publicPhoto(
  shopId: string,
  row: { media_id: string; alt: string; width: number; height: number; widths: string; placeholder: string },
): PublicPhoto {
  return {
    shopId,
    mediaId: row.media_id,
    width: row.width,
    height: row.height,
    widths: parseWidths(row.widths, row.width),
    placeholder: row.placeholder,
    alt: row.alt,
  };
}

export interface PublicVariant {
  id: string;
  name: string;
  price: number;
  compareAtPrice: number | null;
  stock: number | null;
}

export interface PublicProduct {
  shopId: string;
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  netContent: string;
  /** Lowest price (over variants when there are any). */
  price: number;
  /** Highest price over variants; equal to price without variants. */
  maxPrice: number;
  compareAtPrice: number | null;
  variants: PublicVariant[];
  /** Units available over all variants; null = not tracked (always available). */
  stock: number | null;
  photos: PublicPhoto[];
  updatedAt: string;
}

/** "Tersisa 3" at or below this many units (storefront, dashboard and the API's low_stock). */
export const LOW_STOCK = 5;

/** A product with variants is sold by variant: its stock is theirs (unlimited if any is unlimited). */
export function effectiveStock(product: { stock: number | null }, variants: readonly { stock: number | null }[]): number | null {
  if (!variants.length) return product.stock;
  if (variants.some((v) => v.stock === null)) return null;
  return variants.reduce((n, v) => n + Math.max(0, v.stock ?? 0), 0);
}

/** Lowest and highest price a buyer can pay (variants' prices when there are variants). */
export function priceRange(product: { price: number }, variants: readonly { price: number }[]): { min: number; max: number } {
  if (!variants.length) return { min: product.price, max: product.price };
  const prices = variants.map((v) => v.price);
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

/** A compare-at ("harga coret") price is shown only when it is above the price it is compared with. */
export function shownCompareAt(price: number, compareAt: number | null): number | null {
  return compareAt !== null && compareAt > price ? compareAt : null;
}

export type StockState = { kind: 'out' } | { kind: 'low'; left: number } | { kind: 'ok' };
export function stockState(stock: number | null): StockState {
  if (stock === null) return { kind: 'ok' };
  if (stock <= 0) return { kind: 'out' };
  if (stock <= LOW_STOCK) return { kind: 'low', left: stock };
  return { kind: 'ok' };
}

function parseWidths(json: string, width: number): number[] {
  let names: unknown;
  try {
    names = JSON.parse(json);
  } catch {
    names = [];
  }
  const list = Array.isArray(names) ? names.filter((n): n is number => typeof n === 'number' && n > 0) : [];
  return list.map((n) => Math.min(n, width));
}

/**
 * Load published products of the given shops. `q` is the transaction of a tenant door (inShop for one
 * shop, inDirectoryShops for the directory); every query is filtered by shop_id.
 */
export async function loadPublishedProducts(q: Db | Tx, shopIds: string[], opts: { slug?: string } = {}): Promise<PublicProduct[]> {
  if (shopIds.length === 0) return [];
  let pq = q
    .selectFrom('products')
    .select([
      'shop_id',
      'id',
      'slug',
      'name',
      'description',
      'price',
      'compare_at_price',
      'unit',
      'net_content',
      'category',
      'stock',
      'updated_at',
    ])
    .where('shop_id', 'in', shopIds)
    .where('status', '=', 'published');
  if (opts.slug !== undefined) pq = pq.where('slug', '=', opts.slug);
  const rows = await pq.orderBy('shop_id').orderBy('sort_order').orderBy('name').execute();
  if (rows.length === 0) return [];
  const productIds = rows.map((r) => r.id);
  const single = opts.slug !== undefined;

  const variants = await q
    .selectFrom('product_variants')
    .select(['shop_id', 'product_id', 'id', 'name', 'price', 'compare_at_price', 'stock'])
    .where('shop_id', 'in', shopIds)
    .$if(single, (qb) => qb.where('product_id', 'in', productIds))
    .orderBy('product_id')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();

  const photos = await q
    .selectFrom('product_photos')
    .innerJoin('media', (j) => j.onRef('media.shop_id', '=', 'product_photos.shop_id').onRef('media.id', '=', 'product_photos.media_id'))
    .select([
      'product_photos.shop_id',
      'product_photos.product_id',
      'product_photos.media_id',
      'product_photos.alt',
      'media.width',
      'media.height',
      'media.widths',
      'media.placeholder',
    ])
    .where('product_photos.shop_id', 'in', shopIds)
    .where('media.visibility', '=', 'public')
    .$if(single, (qb) => qb.where('product_photos.product_id', 'in', productIds))
    .orderBy('product_photos.product_id')
    .orderBy('product_photos.sort_order')
    .orderBy('product_photos.media_id')
    .execute();

  const key = (shopId: string, productId: string) => `${shopId}/${productId}`;
  const variantsOf = new Map<string, PublicVariant[]>();
  for (const v of variants) {
    const k = key(v.shop_id, v.product_id);
    const list = variantsOf.get(k) ?? [];
    const vPrice = Number(v.price);
    list.push({
      id: v.id,
      name: v.name,
      price: vPrice,
      compareAtPrice: shownCompareAt(vPrice, v.compare_at_price === null ? null : Number(v.compare_at_price)),
      stock: v.stock,
    });
    variantsOf.set(k, list);
  }
  const photosOf = new Map<string, PublicPhoto[]>();
  for (const p of photos) {
    const k = key(p.shop_id, p.product_id);
    const list = photosOf.get(k) ?? [];
    list.push(publicPhoto(p.shop_id, p));
    photosOf.set(k, list);
  }

  return rows.map((r) => {
    const vs = variantsOf.get(key(r.shop_id, r.id)) ?? [];
    const range = priceRange({ price: Number(r.price) }, vs);
    const price = range.min;
    const maxPrice = range.max;
    // With variants, the compare-at shown beside "from" price is the cheapest variant's.
    const compareAtPrice =
      vs.length > 0
        ? vs.reduce((a, b) => (b.price < a.price ? b : a)).compareAtPrice
        : shownCompareAt(price, r.compare_at_price === null ? null : Number(r.compare_at_price));
    const stock = effectiveStock(r, vs);
    return {
      shopId: r.shop_id,
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      category: r.category,
      unit: r.unit,
      netContent: r.net_content,
      price,
      maxPrice,
      compareAtPrice,
      variants: vs,
      stock,
      photos: photosOf.get(key(r.shop_id, r.id)) ?? [],
      updatedAt: r.updated_at,
    };
  });
}
