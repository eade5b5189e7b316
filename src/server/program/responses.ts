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

const share = z.number().nullable();
const groupIndicators = z.object({
  shops: z.number().int(),
  sales: z.number().int(),
  baselineMonthly: z.number(),
  monthlySales: z.number(),
  growth: share,
  salesUp: share,
  newBrand: share,
  digitalBooks: share,
  multichannel: share,
  orders: z.number().int(),
  whatsappOrders: z.number().int(),
  outside: share,
  stockTracking: share,
});
const targetStatus = z.enum(['green', 'amber', 'red', 'nodata']);

/** Success body of GET /api/v1/program/indicators: no customer data, per-shop rows only for shops not opted out. */
export const programIndicatorsResponse = z.object({
  programs: z.array(z.object({ id: z.string(), name: z.string() })),
  program: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  baseline: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string(),
  months: z.array(z.string()),
  total: groupIndicators,
  districts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      indicators: groupIndicators,
      villages: z.array(z.object({ id: z.string(), name: z.string(), indicators: groupIndicators, trend: z.array(z.number()) })),
    }),
  ),
  shops: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      village: z.string(),
      villageId: z.string(),
      district: z.string(),
      districtId: z.string(),
      sales: z.number().int(),
      monthlySales: z.number().int(),
      baselineMonthly: z.number().int().nullable(),
      growth: share,
      newBrand: z.boolean(),
      digitalBooks: z.boolean(),
      channels: z.number().int(),
      multichannel: z.boolean(),
      orders: z.number().int(),
      whatsappOrders: z.number().int(),
      outsideOrders: z.number().int(),
      stockTracking: z.boolean(),
    }),
  ),
  hiddenShops: z.number().int(),
  targets: z.array(z.object({ indicator: z.string(), minPercent: z.number().int(), value: share, status: targetStatus })),
});
export type ProgramIndicatorsResponse = z.infer<typeof programIndicatorsResponse>;

export const programTargetsResponse = z.object({ targets: z.array(z.object({ indicator: z.string(), minPercent: z.number().int() })) });
export type ProgramTargetsResponse = z.infer<typeof programTargetsResponse>;

export const programWorkListResponse = z.object({
  programs: z.array(z.object({ id: z.string(), name: z.string() })),
  program: z.object({ id: z.string(), name: z.string() }),
  items: z.array(
    z.object({
      shopId: z.string(),
      shop: z.string(),
      slug: z.string(),
      village: z.string(),
      reasons: z.array(z.enum(['quiet', 'labelFacts', 'licence', 'noBrand'])),
      productsMissingFacts: z.number().int(),
      licences: z.array(z.object({ kind: z.string(), expiresOn: z.string() })),
      whatsappUrl: z.string(),
    }),
  ),
});
export type ProgramWorkListResponse = z.infer<typeof programWorkListResponse>;
