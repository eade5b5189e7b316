import { z } from 'zod';
import { phoneField } from '../auth/schemas.ts';
import { RESERVED_SLUGS, SLUG_PATTERN } from './slug.ts';

export const slugField = z.string().trim().toLowerCase()
  .regex(SLUG_PATTERN, { error: 'shop.slugFormat' })
  .refine((s) => !RESERVED_SLUGS.has(s), { error: 'shop.slugReserved' });

export const shopInput = z.object({
  slug: slugField,
  name: z.string().trim().min(2).max(80),
  villageId: z.string().trim().min(1, { error: 'shop.villageRequired' }),
  whatsapp: phoneField,
  description: z.string().trim().max(2000).default(''),
  address: z.string().trim().max(300).default(''),
  locale: z.enum(['id', 'en']).default('id'),
});
export type ShopInput = z.output<typeof shopInput>;

export const shopUpdateInput = shopInput.partial();
export type ShopUpdateInput = z.output<typeof shopUpdateInput>;
