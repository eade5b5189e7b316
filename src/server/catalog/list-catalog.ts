import { inShop } from '../tenant/index.ts';
import { slugify } from '../shops/slug.ts';
import { loadPublishedProducts, type PublicProduct } from './published-products.ts';
import { matchesSearch, searchWords } from './search-words.ts';

export interface CatalogCategory {
  slug: string;
  name: string;
  count: number;
}
export interface Catalog {
  /** Products after the category and search filters. */
  products: PublicProduct[];
  /** Every category of the shop's published products (filter links), in catalog order. */
  categories: CatalogCategory[];
  /** Published products before filtering. */
  total: number;
}

export function categorySlug(category: string): string {
  return slugify(category);
}

/**
 * The customer catalog of one shop: published products, filtered by category slug and by a search
 * (every word must appear in the name, category, description or a variant name, compared as normalised
 * words so "telor" finds "Telur": search-words.ts). Shops hold tens to a
 * few hundred products, so the filter runs here rather than in SQL: the same accent- and case-folding on
 * SQLite and PostgreSQL.
 */
export async function listCatalog(opts: { shopId: string; category?: string | null; q?: string | null }): Promise<Catalog> {
  const all = await inShop(opts.shopId, ({ tx, shopId }) => loadPublishedProducts(tx, [shopId]));
  const categories: CatalogCategory[] = [];
  const bySlug = new Map<string, CatalogCategory>();
  for (const p of all) {
    if (!p.category.trim()) continue;
    const slug = categorySlug(p.category);
    if (!slug) continue;
    const c = bySlug.get(slug);
    if (c) c.count++;
    else {
      const n = { slug, name: p.category.trim(), count: 1 };
      bySlug.set(slug, n);
      categories.push(n);
    }
  }
  let products = all;
  if (opts.category) products = products.filter((p) => categorySlug(p.category) === opts.category);
  const words = opts.q ? searchWords(opts.q) : [];
  if (words.length) {
    products = products.filter((p) =>
      matchesSearch(words, searchWords([p.name, p.category, p.description, p.netContent, ...p.variants.map((v) => v.name)].join(' '))),
    );
  }
  return { products, categories, total: all.length };
}
