import { z } from 'zod';
import { PRODUCT_STATUSES } from './schemas.ts';

/** Success bodies of the catalog routes (routes.ts); types exported for browser code. */
export const photoView = z.object({
  id: z.string(),
  alt: z.string(),
  width: z.number(),
  height: z.number(),
  placeholder: z.string(),
  src: z.string(),
  srcset: z.object({ avif: z.string(), webp: z.string(), jpg: z.string() }),
});
const stockStatus = z.enum(['in_stock', 'low_stock', 'out_of_stock']);
export const apiProduct = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  unit: z.string(),
  netContent: z.string(),
  price: z.number().int(),
  compareAtPrice: z.number().int().nullable(),
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  stockStatus,
  path: z.string(),
  shortPath: z.string(),
  variants: z.array(
    z.object({ id: z.string(), name: z.string(), price: z.number().int(), compareAtPrice: z.number().int().nullable(), stockStatus }),
  ),
  photos: z.array(photoView),
});
export const publicProductsResponse = z.object({ shop: z.object({ slug: z.string(), name: z.string() }), products: z.array(apiProduct) });

/** `unitCost` is present only for roles with products.cost. */
export const merchantProduct = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  compareAtPrice: z.number().int().nullable(),
  unitCost: z.number().int().nullable().optional(),
  unit: z.string(),
  netContent: z.string(),
  sku: z.string().nullable(),
  category: z.string(),
  stock: z.number().int().nullable(),
  status: z.enum(PRODUCT_STATUSES),
  sortOrder: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  shortPath: z.string(),
  variants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sku: z.string().nullable(),
      price: z.number().int(),
      compareAtPrice: z.number().int().nullable(),
      unitCost: z.number().int().nullable().optional(),
      stock: z.number().int().nullable(),
      sortOrder: z.number(),
    }),
  ),
  photos: z.array(photoView),
});
export const productResponse = z.object({ product: merchantProduct });
export const photosResponse = z.object({ photos: z.array(photoView) });

export type PublicProductsResponse = z.infer<typeof publicProductsResponse>;
export type ProductResponse = z.infer<typeof productResponse>;
export type PhotosResponse = z.infer<typeof photosResponse>;
