import { inShop } from '../tenant/index.ts';
import { parsePublishedBrand } from './get-published-brand.ts';

export interface BrandKitDraft {
  logoDesignId: string | null;
  colors: string[];
  headingFont: string;
  bodyFont: string;
  tagline: string;
}

/** The draft kit the studio edits, what is published, and the logo designs to choose from. */
export async function getBrandKit(opts: { shopId: string }) {
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const row = await tx.selectFrom('brand_kits').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
    const logos = await tx
      .selectFrom('designs')
      .select(['id', 'name', 'version', 'updated_at as updatedAt'])
      .where('shop_id', '=', shopId)
      .where('kind', '=', 'logo')
      .orderBy('updated_at', 'desc')
      .execute();
    const draft: BrandKitDraft = {
      logoDesignId: row?.logo_design_id ?? null,
      colors: JSON.parse(row?.colors ?? '[]') as string[],
      headingFont: row?.heading_font ?? '',
      bodyFont: row?.body_font ?? '',
      tagline: row?.tagline ?? '',
    };
    return {
      draft,
      published: row?.published ? parsePublishedBrand(row.published) : null,
      publishedAt: row?.published_at ?? null,
      logos,
    };
  });
}
