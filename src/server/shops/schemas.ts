import { z } from 'zod';
import { phoneField } from '../auth/schemas.ts';
import { RESERVED_SLUGS, SLUG_PATTERN } from './slug.ts';
import { shopProfileInput } from './profile.ts';

export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, { error: 'shop.slugFormat' })
  .refine((s) => !RESERVED_SLUGS.has(s), { error: 'shop.slugReserved' });

export const shopInput = z.object({
  /** Empty or absent: made from the name (createShop). */
  slug: z.union([z.literal('').transform(() => undefined), slugField]).optional(),
  name: z.string().trim().min(2).max(80),
  villageId: z.string().trim().min(1, { error: 'shop.villageRequired' }),
  whatsapp: phoneField,
  description: z.string().trim().max(2000).default(''),
  address: z.string().trim().max(300).default(''),
  locale: z.enum(['id', 'en']).default('id'),
});
export type ShopInput = z.output<typeof shopInput>;

/**
 * PATCH semantics: absent = unchanged. The fields with defaults are restated without them (zod applies a
 * default even inside .partial(), which made a PATCH of only the name clear the description and address).
 * `profile`: opening hours, delivery options, social links (see profile.ts); each section given replaces it.
 */
export const shopUpdateInput = shopInput.partial().extend({
  slug: slugField.optional(),
  description: z.string().trim().max(2000).optional(),
  address: z.string().trim().max(300).optional(),
  locale: z.enum(['id', 'en']).optional(),
  profile: shopProfileInput.optional(),
});
export type ShopUpdateInput = z.output<typeof shopUpdateInput>;
