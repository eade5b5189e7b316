import { inShop } from '../tenant/index.ts';
import { slugify } from '../shops/slug.ts';
import { loadPublishedProducts, type PublicProduct } from './published-products.ts';

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

/** Lowercase, accents removed: "Kue Bolu Pandan" and "kue bolu pandan" match the same way in both languages. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function categorySlug(category: string): string {
  return slugify(category);
}

/**
 * The customer catalog of one shop: published products, filtered by category slug and by a search
 * (every word must appear in the name, category, description or a variant name). Shops hold tens to a
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
  const words = opts.q ? foldText(opts.q).split(/\s+/).filter(Boolean) : [];
  if (words.length) {
    products = products.filter((p) => {
      const hay = foldText([p.name, p.category, p.description, p.netContent, ...p.variants.map((v) => v.name)].join(' '));
      return words.every((w) => hay.includes(w));
    });
  }
  return { products, categories, total: all.length };
}
