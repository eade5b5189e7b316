import { inShop } from '../tenant/index.ts';
import { photosOf, variantsOf, type PhotoView } from './views.ts';
import { effectiveStock, priceRange } from './published-products.ts';
import type { ProductStatus } from './schemas.ts';

export interface ProductListItem {
  id: string;
  slug: string;
  name: string;
  status: ProductStatus;
  category: string;
  sku: string | null;
  price: number;
  priceMax: number;
  unit: string;
  netContent: string;
  /** Total across variants when there are variants; null = unlimited. */
  stock: number | null;
  variantCount: number;
  photo: PhotoView | null;
  sortOrder: number;
}

/** The dashboard's product list (no costs: it is shown to staff as well). */
export async function listProducts(opts: {
  shopId: string;
  status?: ProductStatus;
}): Promise<{ items: ProductListItem[]; counts: Record<'all' | ProductStatus, number> }> {
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const rows = await tx
      .selectFrom('products')
      .select(['id', 'slug', 'name', 'status', 'category', 'sku', 'price', 'unit', 'net_content', 'stock', 'sort_order'])
      .where('shop_id', '=', shopId)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
    const counts = { all: rows.length, draft: 0, published: 0 };
    for (const r of rows) counts[r.status]++;
    const shown = opts.status ? rows.filter((r) => r.status === opts.status) : rows;
    const ids = shown.map((r) => r.id);
    const [variants, photos] = [await variantsOf(tx, shopId, ids), await photosOf(tx, shopId, ids)];
    const items = shown.map((r) => {
      const vs = variants.get(r.id) ?? [];
      const range = priceRange(r, vs);
      return {
        id: r.id,
        slug: r.slug,
        name: r.name,
        status: r.status,
        category: r.category,
        sku: r.sku,
        price: range.min,
        priceMax: range.max,
        unit: r.unit,
        netContent: r.net_content,
        stock: effectiveStock(r, vs),
        variantCount: vs.length,
        photo: photos.get(r.id)?.[0] ?? null,
        sortOrder: r.sort_order,
      };
    });
    return { items, counts };
  });
}
