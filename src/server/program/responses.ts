import { z } from 'zod';

/** Success body of the program summary route (routes.ts). */
export const programSummaryResponse = z.object({
  programs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      timezone: z.string(),
      shopCount: z.number().int(),
      villages: z.array(z.object({ id: z.string(), name: z.string(), district_name: z.string(), shops: z.number().int() })),
    }),
  ),
});
export type ProgramSummaryResponse = z.infer<typeof programSummaryResponse>;

const licence = z.object({
  id: z.string(),
  kind: z.enum(['pirt', 'halal', 'bpom_md', 'merek']),
  number: z.string(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});
export const registryShopResponse = z.object({
  shop: z.object({ id: z.string(), name: z.string(), slug: z.string(), programId: z.string() }),
  hasOwner: z.boolean(),
  facts: z.object({
    ownerName: z.string(),
    nib: z.string(),
    kbli: z.string(),
    businessScale: z.enum(['mikro', 'kecil', 'menengah']),
    ovopStar: z.number().int().nullable(),
    trainingCohort: z.string().nullable(),
    programStartDate: z.string().nullable(),
    optOut: z.boolean(),
  }),
  licences: z.array(licence),
  baselines: z.array(z.object({ month: z.string(), salesRupiah: z.number().int(), method: z.string(), recordedAt: z.string() })),
});
export const registryListResponse = z.object({
  shops: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      village: z.string(),
      district: z.string(),
      ownerName: z.string(),
      nib: z.string(),
      businessScale: z.string().nullable(),
      ovopStar: z.number().int().nullable(),
      programStartDate: z.string().nullable(),
    }),
  ),
});
export const registerShopResponse = z.object({ id: z.string(), slug: z.string() });
export const claimLinkResponse = z.object({ url: z.string(), whatsappUrl: z.string(), expiresInDays: z.number().int() });
export const licenceSavedResponse = z.object({ id: z.string() });
export const programAreasResponse = z.object({ kecamatan: z.number().int(), desa: z.number().int() });
export const localAreaResponse = z.object({ id: z.string(), slug: z.string() });
export const programPrivacyResponse = z.object({ optOut: z.boolean() });
