import { getStorefront } from './get-storefront.ts';
import { feedItems, type FeedItem } from './feeds.ts';

/** The product feed's items (Meta and Google read the same ones): every published product with its brand. */
export async function getFeedItems(shop: { id: string; slug: string; name: string }): Promise<FeedItem[]> {
  const { catalog, brand } = await getStorefront({ shopId: shop.id });
  return feedItems(shop, catalog.products, brand);
}
