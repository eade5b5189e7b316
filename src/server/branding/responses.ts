import { z } from 'zod';
import { designDoc } from '#brand/schema.ts';

/** Success bodies of the brand studio routes (routes.ts); types exported for the studio (src/brand/editor/). */
const kind = z.enum(['logo', 'label', 'social']);
export const labelFacts = z.object({
  productName: z.string(),
  netWeight: z.string(),
  composition: z.string(),
  producerName: z.string(),
  producerAddress: z.string(),
  registrationKind: z.enum(['pirt', 'bpom_md', '']),
  registrationNumber: z.string(),
  productionCode: z.string(),
  expiryDate: z.string(),
  halalNumber: z.string(),
  shortUrl: z.string(),
  shopName: z.string(),
  tagline: z.string(),
});
const certifications = z.object({ halalNumber: z.string(), nib: z.string() });

export const listDesignsResponse = z.object({
  designs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.number().int(),
      kind,
      updatedAt: z.string(),
      productId: z.string().nullable(),
      templateId: z.string().nullable(),
    }),
  ),
});
export const designVersionResponse = z.object({ id: z.string(), version: z.number().int() });
export const getDesignResponse = z.object({
  design: z.object({
    id: z.string(),
    kind,
    name: z.string(),
    productId: z.string().nullable(),
    templateId: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  }),
  doc: designDoc,
  facts: labelFacts,
  missing: z.array(z.string()),
});
export const designVersionsResponse = z.object({
  current: z.number().int(),
  versions: z.array(z.object({ version: z.number().int(), note: z.string(), createdAt: z.string(), author: z.string().nullable() })),
});
export const restoreDesignResponse = z.object({ id: z.string(), version: z.number().int(), doc: designDoc });
export const designImageResponse = z.object({ id: z.string(), src: z.string(), width: z.number().int(), height: z.number().int() });
export const listLabelFactsResponse = z.object({
  products: z.array(
    z.object({ productId: z.string(), slug: z.string(), name: z.string(), facts: labelFacts, missing: z.array(z.string()) }),
  ),
  certifications,
});
export const labelFactsResponse = z.object({ facts: labelFacts, missing: z.array(z.string()) });
export const certificationsResponse = certifications;
const font = z.object({ family: z.string(), url: z.string() }).nullable();
export const publishedBrand = z.object({
  version: z.number().int(),
  tagline: z.string(),
  logo: z.object({ url128: z.string().optional(), url512: z.string(), url1024: z.string() }).nullable(),
  favicon: z.object({ png32: z.string(), apple180: z.string(), png512: z.string() }).nullable(),
  ogImageUrl: z.string().nullable(),
  colors: z.object({ primary: z.string(), onPrimary: z.string(), accent: z.string(), onAccent: z.string(), palette: z.array(z.string()) }),
  fonts: z.object({ heading: font, body: font }),
});
export const brandKitResponse = z.object({
  draft: z.object({
    logoDesignId: z.string().nullable(),
    colors: z.array(z.string()),
    headingFont: z.string(),
    bodyFont: z.string(),
    tagline: z.string(),
  }),
  published: publishedBrand.nullable(),
  publishedAt: z.string().nullable(),
  logos: z.array(z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: z.string() })),
});
export const publishBrandKitResponse = z.object({ published: publishedBrand });

export type ListDesignsResponse = z.infer<typeof listDesignsResponse>;
export type DesignVersionResponse = z.infer<typeof designVersionResponse>;
export type GetDesignResponse = z.infer<typeof getDesignResponse>;
export type DesignVersionsResponse = z.infer<typeof designVersionsResponse>;
export type RestoreDesignResponse = z.infer<typeof restoreDesignResponse>;
export type DesignImageResponse = z.infer<typeof designImageResponse>;
export type LabelFactsResponse = z.infer<typeof labelFactsResponse>;
export type CertificationsResponse = z.infer<typeof certificationsResponse>;
export type BrandKitResponse = z.infer<typeof brandKitResponse>;
