import { absoluteUrl } from '../config.ts';
import { inShop } from '../tenant/index.ts';

/**
 * The shop's published brand kit, as the public pages use it (header logo, colours, fonts, favicon,
 * share image). Null until the shop publishes a brand in the brand studio.
 * URLs are paths on this origin (`/media/…`, `/brand/fonts-web/…`), except `ogImageUrl`, which is
 * absolute (built with absoluteUrl) because Open Graph wants it so. Brand fonts are Latin-subset
 * WOFF files of ~10–25 KB each; they count toward the page-weight budget.
 */
export interface PublishedBrand {
  version: number;
  tagline: string;
  /** url128 (the public pages' header logo) exists for kits published since it was added. */
  logo: { url128?: string; url512: string; url1024: string } | null;
  favicon: { png32: string; apple180: string; png512: string } | null;
  ogImageUrl: string | null;
  /** Text colours are picked for >= 4.5:1 contrast on their background. */
  colors: { primary: string; onPrimary: string; accent: string; onAccent: string; palette: string[] };
  fonts: { heading: { family: string; url: string } | null; body: { family: string; url: string } | null };
}

export async function getPublishedBrand(shopId: string): Promise<PublishedBrand | null> {
  const row = await inShop(shopId, ({ tx }) =>
    tx.selectFrom('brand_kits').select('published').where('shop_id', '=', shopId).executeTakeFirst(),
  );
  return row?.published ? parsePublishedBrand(row.published) : null;
}

/**
 * The stored kit. Its share image is kept as a path (kits published before that: absolute, on the PUBLIC_URL of
 * their day) and answered absolute on today's, so a shop's links follow a change of domain.
 */
export function parsePublishedBrand(json: string): PublishedBrand {
  const brand = JSON.parse(json) as PublishedBrand;
  const path = brand.ogImageUrl?.replace(/^https?:\/\/[^/]+(?=\/)/, '');
  return { ...brand, ogImageUrl: path?.startsWith('/media/') ? absoluteUrl(path) : null };
}
