import { inShop } from '../tenant/index.ts';

/** Categories already used in the shop (suggestions for the product form). */
export async function listCategories(shopId: string): Promise<string[]> {
  return inShop(shopId, async ({ tx }) => {
    const rows = await tx
      .selectFrom('products')
      .select('category')
      .distinct()
      .where('shop_id', '=', shopId)
      .where('category', '!=', '')
      .orderBy('category')
      .execute();
    return rows.map((r) => r.category);
  });
}
