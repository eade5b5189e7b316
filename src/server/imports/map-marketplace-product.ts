import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { NotFound } from '../errors.ts';
import { nowIso } from '../util.ts';
import type { ProductMappingInput } from './schemas.ts';

/**
 * Remembers which product (and variant) an unmatched marketplace SKU or name is, so every later import
 * of that marketplace matches it. Mapping the same key again replaces the earlier choice.
 */
export async function mapMarketplaceProduct(opts: { shopId: string; role: Role; input: ProductMappingInput }): Promise<{ key: string }> {
  requireCapability(opts.role, 'orders.manage');
  const { input } = opts;
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const product = await tx
      .selectFrom('products')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('id', '=', input.productId)
      .executeTakeFirst();
    if (!product) throw new NotFound('catalog.productNotFound');
    const variantId = input.variantId ?? null;
    if (variantId) {
      const v = await tx
        .selectFrom('product_variants')
        .select('id')
        .where('shop_id', '=', shopId)
        .where('product_id', '=', product.id)
        .where('id', '=', variantId)
        .executeTakeFirst();
      if (!v) throw new NotFound('catalog.productNotFound');
    }
    const key = input.key.toLowerCase();
    await tx
      .insertInto('marketplace_product_maps')
      .values({
        shop_id: shopId,
        marketplace: input.marketplace,
        external_key: key,
        product_id: product.id,
        variant_id: variantId,
        created_at: nowIso(),
      })
      .onConflict((oc) =>
        oc.columns(['shop_id', 'marketplace', 'external_key']).doUpdateSet({ product_id: product.id, variant_id: variantId }),
      )
      .execute();
    return { key };
  });
}
