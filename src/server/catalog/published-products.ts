import type { Db } from '../db/index.ts';

/**
 * Published products as customers see them: no unit cost, no draft, only public photos. Shared by the
 * shop's own catalog (inside inShop, one shop id) and the named cross-shop directory reader (several
 * shop ids), so both show the same price, stock and photo rules.
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

export interface PublicVariant { id: string; name: string; price: number; compareAtPrice: number | null; stock: number | null }

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

/** "Tersisa 3" below this many units. */
export const LOW_STOCK = 5;

export type StockState = { kind: 'out' } | { kind: 'low'; left: number } | { kind: 'ok' };
export function stockState(stock: number | null): StockState {
  if (stock === null) return { kind: 'ok' };
  if (stock <= 0) return { kind: 'out' };
  if (stock <= LOW_STOCK) return { kind: 'low', left: stock };
  return { kind: 'ok' };
}

function parseWidths(json: string, width: number): number[] {
  let names: unknown;
  try { names = JSON.parse(json); } catch { names = []; }
  const list = Array.isArray(names) ? names.filter((n): n is number => typeof n === 'number' && n > 0) : [];
  return list.map((n) => Math.min(n, width));
}

/**
 * Load published products of the given shops. `q` is the shop's transaction inside inShop, or db() for
 * the cross-shop readers; every query is filtered by shop_id.
 */
export async function loadPublishedProducts(q: Db, shopIds: string[], opts: { slug?: string } = {}): Promise<PublicProduct[]> {
  if (shopIds.length === 0) return [];
  let pq = q.selectFrom('products')
    .select(['shop_id', 'id', 'slug', 'name', 'description', 'price', 'compare_at_price', 'unit', 'net_content', 'category', 'stock', 'updated_at'])
    .where('shop_id', 'in', shopIds).where('status', '=', 'published');
  if (opts.slug !== undefined) pq = pq.where('slug', '=', opts.slug);
  const rows = await pq.orderBy('shop_id').orderBy('sort_order').orderBy('name').execute();
  if (rows.length === 0) return [];
  const productIds = rows.map((r) => r.id);
  const single = opts.slug !== undefined;

  const variants = await q.selectFrom('product_variants')
    .select(['shop_id', 'product_id', 'id', 'name', 'price', 'compare_at_price', 'stock'])
    .where('shop_id', 'in', shopIds)
    .$if(single, (qb) => qb.where('product_id', 'in', productIds))
    .orderBy('product_id').orderBy('sort_order').orderBy('name')
    .execute();

  const photos = await q.selectFrom('product_photos')
    .innerJoin('media', (j) => j.onRef('media.shop_id', '=', 'product_photos.shop_id').onRef('media.id', '=', 'product_photos.media_id'))
    .select(['product_photos.shop_id', 'product_photos.product_id', 'product_photos.media_id', 'product_photos.alt',
      'media.width', 'media.height', 'media.widths', 'media.placeholder'])
    .where('product_photos.shop_id', 'in', shopIds)
    .where('media.visibility', '=', 'public')
    .$if(single, (qb) => qb.where('product_photos.product_id', 'in', productIds))
    .orderBy('product_photos.product_id').orderBy('product_photos.sort_order').orderBy('product_photos.media_id')
    .execute();

  const key = (shopId: string, productId: string) => `${shopId}/${productId}`;
  const variantsOf = new Map<string, PublicVariant[]>();
  for (const v of variants) {
    const k = key(v.shop_id, v.product_id);
    const list = variantsOf.get(k) ?? [];
    list.push({ id: v.id, name: v.name, price: Number(v.price), compareAtPrice: v.compare_at_price === null ? null : Number(v.compare_at_price), stock: v.stock });
    variantsOf.set(k, list);
  }
  const photosOf = new Map<string, PublicPhoto[]>();
  for (const p of photos) {
    const k = key(p.shop_id, p.product_id);
    const list = photosOf.get(k) ?? [];
    list.push({
      shopId: p.shop_id, mediaId: p.media_id, width: p.width, height: p.height,
      widths: parseWidths(p.widths, p.width), placeholder: p.placeholder, alt: p.alt,
    });
    photosOf.set(k, list);
  }

  return rows.map((r) => {
    const vs = variantsOf.get(key(r.shop_id, r.id)) ?? [];
    let price = Number(r.price);
    let maxPrice = price;
    let compareAtPrice = r.compare_at_price === null ? null : Number(r.compare_at_price);
    let stock = r.stock;
    if (vs.length > 0) {
      const cheapest = vs.reduce((a, b) => (b.price < a.price ? b : a));
      price = cheapest.price;
      maxPrice = Math.max(...vs.map((v) => v.price));
      compareAtPrice = cheapest.compareAtPrice;
      stock = vs.some((v) => v.stock === null) ? null : vs.reduce((s, v) => s + Math.max(0, v.stock ?? 0), 0);
    }
    if (compareAtPrice !== null && compareAtPrice <= price) compareAtPrice = null;
    return {
      shopId: r.shop_id, id: r.id, slug: r.slug, name: r.name, description: r.description, category: r.category,
      unit: r.unit, netContent: r.net_content, price, maxPrice, compareAtPrice, variants: vs, stock,
      photos: photosOf.get(key(r.shop_id, r.id)) ?? [], updatedAt: r.updated_at,
    };
  });
}
