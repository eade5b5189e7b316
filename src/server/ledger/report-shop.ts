import { inShop } from '../tenant/index.ts';

/** The shop's name as exported files head it. */
export async function reportShopName(shopId: string): Promise<string> {
  return inShop(shopId, async ({ tx, shopId: id }) => (await tx.selectFrom('shops').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name);
}
