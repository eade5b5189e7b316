import { inShop } from '../tenant/index.ts';
import { loadPublishedProducts } from './published-products.ts';
import { apiProductView, type ApiProduct } from './api-product-view.ts';

/** Every published product of a shop, in the shop's order, as the public API shows it. */
export async function listPublicProducts(shop: { id: string; slug: string }): Promise<ApiProduct[]> {
  const products = await inShop(shop.id, ({ tx, shopId }) => loadPublishedProducts(tx, [shopId]));
  return products.map((p) => apiProductView(shop.slug, p));
}
