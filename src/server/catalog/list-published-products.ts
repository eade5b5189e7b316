import { inShop } from '../tenant/index.ts';

export async function listPublishedProducts(shopId: string) {
  return inShop(shopId, ({ tx }) => tx.selectFrom('products')
    .select(['id', 'slug', 'name', 'description', 'price', 'compare_at_price', 'unit', 'net_content', 'category', 'stock'])
    .where('shop_id', '=', shopId).where('status', '=', 'published')
    .orderBy('sort_order').orderBy('name').execute());
}
