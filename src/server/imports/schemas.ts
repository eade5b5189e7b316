import { z } from 'zod';
import { IMPORT_FIELDS, MARKETPLACES } from './marketplace-file.ts';

export const marketplaceField = z.enum(MARKETPLACES, { error: 'validation.choice' });

export const importOptionsInput = z.object({
  marketplace: marketplaceField,
  format: z.enum(['csv', 'xlsx'], { error: 'imports.formatUnknown' }),
  /** A column mapping the shop saved, for a CSV that is neither Shopee's nor TikTok Shop's layout. */
  mappingName: z.string().trim().min(1).max(60).nullable().optional(),
});
export type ImportOptionsInput = z.output<typeof importOptionsInput>;

/** The text fields of an upload: the format is read from the file itself. */
export const importUploadInput = importOptionsInput.omit({ format: true }).extend({
  mappingName: z
    .string()
    .trim()
    .max(60)
    .transform((v) => v || null)
    .nullable()
    .optional(),
});
export type ImportUploadInput = z.output<typeof importUploadInput>;

const header = z.string().trim().min(1).max(120);
export const columnMappingInput = z.object({
  name: z.string().trim().min(1, { error: 'imports.mappingNameRequired' }).max(60),
  columns: z
    .object(
      Object.fromEntries(IMPORT_FIELDS.map((f) => [f, header.optional()])) as Record<
        (typeof IMPORT_FIELDS)[number],
        z.ZodOptional<typeof header>
      >,
    )
    .refine((c) => !!c.orderId && !!c.quantity && (!!c.name || !!c.sku) && (!!c.unitPrice || !!c.lineTotal), {
      error: 'imports.mappingIncomplete',
    }),
});
export type ColumnMappingInput = z.output<typeof columnMappingInput>;

export const productMappingInput = z.object({
  marketplace: marketplaceField,
  /** The product key an import preview listed as unmatched (`sku:…` or `name:…|…`). */
  key: z
    .string()
    .trim()
    .min(5)
    .max(400)
    .regex(/^(sku|name):/, { error: 'imports.keyInvalid' }),
  productId: z.string().trim().min(1).max(64),
  variantId: z.string().trim().min(1).max(64).nullable().optional(),
});
export type ProductMappingInput = z.output<typeof productMappingInput>;
