import { z } from 'zod';
import { memberShop } from '../auth/responses.ts';

/** Success bodies of the shop routes (routes.ts); types exported for browser code. */
export const villagesResponse = z.object({
  villages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      program_id: z.string(),
      slug: z.string(),
      district_name: z.string(),
      district_slug: z.string(),
      district_id: z.string(),
    }),
  ),
});
export const myShopsResponse = z.object({ shops: z.array(memberShop) });
export const createShopResponse = z.object({ id: z.string(), slug: z.string() });
export const updateShopResponse = z.object({ slug: z.string() });
const profile = z.object({
  hours: z.record(z.string(), z.unknown()),
  hoursNote: z.string(),
  delivery: z.record(z.string(), z.unknown()),
  social: z.record(z.string(), z.string()),
});
export const getShopResponse = z.object({
  shop: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    address: z.string(),
    whatsapp: z.string(),
    locale: z.string(),
    timezone: z.string(),
    version: z.number(),
    updated_at: z.string(),
    program_id: z.string(),
    village_id: z.string(),
    village_name: z.string(),
    village_slug: z.string(),
    district_name: z.string(),
    district_slug: z.string(),
    profile,
  }),
  role: z.enum(['owner', 'staff']),
});
export const membersResponse = z.object({
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      role: z.enum(['owner', 'staff']),
      created_at: z.string(),
      canReset: z.boolean(),
    }),
  ),
});
export const inviteResponse = z.object({ url: z.string() });
export const auditResponse = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      created_at: z.string(),
      action: z.string(),
      details: z.string(),
      ip: z.string().nullable(),
      actor: z.string().nullable(),
      dayOnly: z.boolean(),
      /** The event told in the caller's language. */
      sentences: z.array(z.string()),
    }),
  ),
});

export type MyShopsResponse = z.infer<typeof myShopsResponse>;
export type GetShopResponse = z.infer<typeof getShopResponse>;
export type MembersResponse = z.infer<typeof membersResponse>;
export type AuditResponse = z.infer<typeof auditResponse>;
