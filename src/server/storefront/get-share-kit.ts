import { absoluteUrl } from '../config.ts';
import { getPublishedBrand } from '../branding/get-published-brand.ts';
import { listCatalog } from '../catalog/list-catalog.ts';
import { productsLeftOutOfFeeds } from './feeds.ts';

export interface ShareKit {
  catalogUrl: string;
  metaFeedUrl: string;
  googleFeedUrl: string;
  publishedCount: number;
  /** Published products the feeds leave out (no photo and no brand share image). */
  leftOut: { id: string; name: string }[];
}

/** What an owner needs to take the shop beyond the village: its link and the product feed addresses. */
export async function getShareKit(opts: { shopId: string; shopSlug: string }): Promise<ShareKit> {
  const { products } = await listCatalog({ shopId: opts.shopId });
  const brand = await getPublishedBrand(opts.shopId);
  return {
    catalogUrl: absoluteUrl(`/${opts.shopSlug}`),
    metaFeedUrl: absoluteUrl(`/${opts.shopSlug}/feed/meta.csv`),
    googleFeedUrl: absoluteUrl(`/${opts.shopSlug}/feed/google.xml`),
    publishedCount: products.length,
    leftOut: productsLeftOutOfFeeds(products, brand).map((p) => ({ id: p.id, name: p.name })),
  };
}
