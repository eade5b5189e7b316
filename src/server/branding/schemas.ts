import { z } from 'zod';
import { DESIGN_KINDS, LABEL_PRESET_IDS } from '#brand/kinds.ts';
import { FONT_FAMILIES } from '#brand/fonts.ts';
import { registrationValid } from '#brand/facts.ts';

/** Request bodies of the brand studio routes (messages are i18n keys, see src/i18n/areas/brand.ts). */
const text = (max: number) => z.string().trim().max(max);

export const labelFactsInput = z
  .object({
    netWeight: text(80).default(''),
    composition: text(600).default(''),
    producerName: text(120).default(''),
    producerAddress: text(240).default(''),
    registrationKind: z.enum(['', 'pirt', 'bpom_md']).default(''),
    registrationNumber: text(40).default(''),
    productionCode: text(40).default(''),
    expiryDate: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'brand.facts.dateInvalid' })]).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.registrationNumber && !registrationValid(v.registrationKind, v.registrationNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['registrationNumber'],
        message: v.registrationKind === 'bpom_md' ? 'brand.facts.bpomInvalid' : 'brand.facts.pirtInvalid',
      });
    }
  });
export type LabelFactsInput = z.output<typeof labelFactsInput>;

export const certificationsInput = z
  .object({
    halalNumber: z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9./-]{6,40}$/, { error: 'brand.facts.halalInvalid' }),
      ])
      .default(''),
    nib: z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .regex(/^\d{13}$/, { error: 'brand.facts.nibInvalid' }),
      ])
      .default(''),
  })
  .strict();

export const createDesignInput = z
  .object({
    kind: z.enum(DESIGN_KINDS),
    name: text(80).min(1),
    templateId: z.string().max(60).optional(),
    preset: z.enum(LABEL_PRESET_IDS).optional(),
    widthMm: z.number().min(20).max(297).optional(),
    heightMm: z.number().min(20).max(297).optional(),
    round: z.boolean().optional(),
    productId: z.string().max(40).nullable().optional(),
  })
  .strict();

/** The design itself is checked by validateDesign (allowlist, caps, image sources), not here. */
export const saveDesignInput = z
  .object({
    doc: z.unknown(),
    name: text(80).min(1).optional(),
    productId: z.string().max(40).nullable().optional(),
    baseVersion: z.number().int().min(0).optional(),
    note: text(120).optional(),
  })
  .strict();

export const restoreInput = z.object({ version: z.number().int().min(1) }).strict();

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'brand.kit.colorInvalid' });
export const brandKitInput = z
  .object({
    logoDesignId: z.string().max(40).nullable().optional(),
    colors: z.array(hex).max(6, { error: 'brand.kit.tooManyColors' }).optional(),
    headingFont: z.union([z.literal(''), z.enum(FONT_FAMILIES as [string, ...string[]])]).optional(),
    bodyFont: z.union([z.literal(''), z.enum(FONT_FAMILIES as [string, ...string[]])]).optional(),
    tagline: text(120).optional(),
  })
  .strict();
export type BrandKitInput = z.output<typeof brandKitInput>;
