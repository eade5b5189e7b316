import type { PublicProduct } from './published-products.ts';
import { stockState } from './published-products.ts';
import { photoView, type PhotoView } from './views.ts';
import { productPath, productShortPath } from './links.ts';

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

export interface ApiVariant {
  id: string;
  name: string;
  price: number;
  compareAtPrice: number | null;
  stockStatus: StockStatus;
}

/**
 * The public API's product: a projection of the one published-product model (published-products.ts).
 * No unit cost, no SKU, no exact stock (only its status). `price` is the lowest price a buyer pays (the
 * cheapest variant's when there are variants) and `compareAtPrice` is shown only when above it, as on the
 * storefront; `priceMin`/`priceMax` span the variants.
 */
export interface ApiProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  netContent: string;
  price: number;
  compareAtPrice: number | null;
  priceMin: number;
  priceMax: number;
  stockStatus: StockStatus;
  path: string;
  shortPath: string;
  variants: ApiVariant[];
  photos: PhotoView[];
}

export function stockStatus(stock: number | null): StockStatus {
  const s = stockState(stock);
  return s.kind === 'out' ? 'out_of_stock' : s.kind === 'low' ? 'low_stock' : 'in_stock';
}

export function apiProductView(shopSlug: string, p: PublicProduct): ApiProduct {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    category: p.category,
    unit: p.unit,
    netContent: p.netContent,
    price: p.price,
    compareAtPrice: p.compareAtPrice,
    priceMin: p.price,
    priceMax: p.maxPrice,
    stockStatus: stockStatus(p.stock),
    path: productPath(shopSlug, p.slug),
    shortPath: productShortPath(p.id),
    variants: p.variants.map((v) => ({
      id: v.id,
      name: v.name,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      stockStatus: stockStatus(v.stock),
    })),
    photos: p.photos.map(photoView),
  };
}
