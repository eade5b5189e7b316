import { z } from 'zod';
import { phoneField } from '../auth/schemas.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'registry.dateFormat' });
const optionalDate = z
  .union([z.literal('').transform(() => null), isoDate])
  .nullable()
  .default(null);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || null)
    .nullable()
    .default(null);

/** Business facts an officer keeps per shop (absent text = empty). */
export const registryFactsInput = z.object({
  ownerName: z.string().trim().max(120).default(''),
  /** Nomor Induk Berusaha: 13 digits (OSS). */
  nib: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{13}$/, { error: 'registry.nibFormat' }),
    ])
    .default(''),
  /** KBLI 2020 code: 5 digits. */
  kbli: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{5}$/, { error: 'registry.kbliFormat' }),
    ])
    .default(''),
  businessScale: z.enum(['mikro', 'kecil', 'menengah']).default('mikro'),
  ovopStar: z
    .union([z.literal('').transform(() => null), z.coerce.number().int().min(1).max(5)])
    .nullable()
    .default(null),
  trainingCohort: optionalText(80),
  programStartDate: optionalDate,
});
export type RegistryFacts = z.output<typeof registryFactsInput>;

/** An officer registers a shop for an owner (who may have no account yet). */
export const registerShopInput = registryFactsInput.extend({
  name: z.string().trim().min(2).max(80),
  villageId: z.string().trim().min(1, { error: 'shop.villageRequired' }),
  whatsapp: phoneField,
  address: z.string().trim().max(300).default(''),
});

export const licenceInput = z.object({
  kind: z.enum(['pirt', 'halal', 'bpom_md', 'merek']),
  number: z.string().trim().min(3).max(60),
  issuedOn: optionalDate,
  expiresOn: optionalDate,
});

export const baselineInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'registry.monthFormat' }),
  salesRupiah: z.coerce.number().int().min(0).max(1_000_000_000_000),
  method: z.string().trim().min(3).max(300),
});

export const kabupatenInput = z.object({ kabupatenCode: z.string().regex(/^\d{2}\.\d{2}$/) });
export const localAreaInput = z.object({ name: z.string().trim().min(2).max(80), parentVillageId: z.string().min(1) });
