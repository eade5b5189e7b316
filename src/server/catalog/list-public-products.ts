import { inShop } from '../tenant/index.ts';
import { effectiveStock, photosOf, priceRange, stockStatus, variantsOf, type PhotoView, type ProductRow, type StockStatus, type VariantRow } from './views.ts';
import { productPath, productShortPath } from './links.ts';

export interface PublicVariant {
  id: string; name: string; price: number; compareAtPrice: number | null; stockStatus: StockStatus;
}

/**
 * A published product as anyone may see it: no unit cost, no SKU, no exact stock (only its status).
 * `priceMin`/`priceMax` span the variants' prices when the product has variants.
 */
export interface PublicProduct {
  id: string; slug: string; name: string; description: string; category: string; unit: string; netContent: string;
  price: number; compareAtPrice: number | null; priceMin: number; priceMax: number; stockStatus: StockStatus;
  path: string; shortPath: string; variants: PublicVariant[]; photos: PhotoView[];
}

function publicView(shopSlug: string, p: ProductRow, variants: VariantRow[], photos: PhotoView[]): PublicProduct {
  const range = priceRange(p, variants);
  return {
    id: p.id, slug: p.slug, name: p.name, description: p.description, category: p.category, unit: p.unit,
    netContent: p.net_content, price: p.price, compareAtPrice: p.compare_at_price, priceMin: range.min, priceMax: range.max,
    stockStatus: stockStatus(effectiveStock(p, variants)),
    path: productPath(shopSlug, p.slug), shortPath: productShortPath(p.id),
    variants: variants.map((v) => ({ id: v.id, name: v.name, price: v.price, compareAtPrice: v.compare_at_price, stockStatus: stockStatus(v.stock) })),
    photos,
  };
}

/** Every published product of a shop, in the shop's order, with variants and photos (public API). */
export async function listPublicProducts(shop: { id: string; slug: string }): Promise<PublicProduct[]> {
  return inShop(shop.id, async ({ tx }) => {
    const rows = await tx.selectFrom('products').selectAll()
      .where('shop_id', '=', shop.id).where('status', '=', 'published')
      .orderBy('sort_order').orderBy('name').execute();
    const ids = rows.map((r) => r.id);
    const [variants, photos] = [await variantsOf(tx, shop.id, ids), await photosOf(tx, shop.id, ids)];
    return rows.map((p) => publicView(shop.slug, p, variants.get(p.id) ?? [], photos.get(p.id) ?? []));
  });
}
