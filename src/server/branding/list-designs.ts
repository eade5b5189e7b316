import { inShop } from '../tenant/index.ts';

export async function listDesigns(opts: { shopId: string }) {
  return inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .selectFrom('designs')
      .select(['id', 'kind', 'name', 'product_id as productId', 'template_id as templateId', 'version', 'updated_at as updatedAt'])
      .where('shop_id', '=', shopId)
      .orderBy('updated_at', 'desc')
      .execute(),
  );
}
