import { listCatalog } from '#server/catalog/list-catalog.ts';
import { getPublishedBrand } from '#server/branding/get-published-brand.ts';

/** A shop's public catalog page: its published products (filtered by category or search) and its published brand. */
export async function getStorefront(opts: { shopId: string; category?: string | null; q?: string | null }) {
  const catalog = await listCatalog(opts);
  const brand = await getPublishedBrand(opts.shopId);
  return { catalog, brand };
}
