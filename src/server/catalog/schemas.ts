import { z } from 'zod';
import { optionalRupiahField, rupiahField, stockField } from './money.ts';

export const MAX_PHOTOS = 8;
export const MAX_VARIANTS = 30;
export const PRODUCT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
export const PRODUCT_STATUSES = ['draft', 'published'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

const optionalText = (max: number) => z.string().trim().max(max).optional();
/** Empty text becomes null (e.g. a cleared SKU); absent stays absent. */
const optionalNullableText = (max: number) =>
  z
    .union([z.string().trim().max(max), z.null()])
    .transform((v) => (v === null || v === '' ? null : v))
    .optional();

export const productSlugField = z.string().trim().toLowerCase().regex(PRODUCT_SLUG_PATTERN, { error: 'catalog.slugFormat' });

/**
 * A variant as sent by the form or the API. With an id it updates that variant of the product; without,
 * it is new. Absent optional fields keep the stored value; null (or empty text) clears it.
 */
export const variantInput = z.object({
  id: z.string().trim().min(1).max(32).optional(),
  name: z.string().trim().min(1, { error: 'catalog.variantNameRequired' }).max(60),
  sku: optionalNullableText(40),
  price: rupiahField,
  compareAtPrice: optionalRupiahField,
  unitCost: optionalRupiahField,
  stock: stockField.optional(),
});
export type VariantInput = z.output<typeof variantInput>;

/**
 * Product fields without defaults, so the same shape serves create (defaults applied by createProduct)
 * and PATCH (absent = unchanged). `variants`, when given, is the full list: variants left out are removed.
 * `unitCost` is honoured only for roles with products.cost; everyone else's is ignored.
 */
const productShape = {
  name: z.string().trim().min(2).max(120),
  slug: z.union([productSlugField, z.literal('')]).optional(),
  description: optionalText(5000),
  price: rupiahField,
  compareAtPrice: optionalRupiahField,
  unitCost: optionalRupiahField,
  unit: z.string().trim().min(1).max(20).optional(),
  netContent: optionalText(60),
  sku: optionalNullableText(40),
  category: optionalText(60),
  stock: stockField.optional(),
  status: z.enum(PRODUCT_STATUSES, { error: 'catalog.statusChoice' }).optional(),
  sortOrder: z.coerce.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(0).max(100_000).optional(),
  variants: z.array(variantInput).max(MAX_VARIANTS).optional(),
};

export const productInput = z.object(productShape);
export type ProductInput = z.output<typeof productInput>;

export const productPatchInput = z.object(productShape).partial();
export type ProductPatchInput = z.output<typeof productPatchInput>;

/** Alt text of one photo (also accepted with an upload). */
export const photoAltInput = z.object({ alt: z.string().trim().max(200).default('') });
