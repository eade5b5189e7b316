import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { requireCapability, roleHas } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { Invalid, type FieldErrors } from '../errors.ts';
import { nowIso } from '../util.ts';
import { editItemStock } from '../ledger/count-stock.ts';
import type { ProductPatchInput } from './schemas.ts';
import { checkCompareAt, isSlugClash, resolveSlug, saveVariants, throwIfAny } from './product-rules.ts';
import { loadProduct, readMerchantProduct, type MerchantProduct } from './get-product.ts';

/**
 * Change a product: absent fields stay as they are; `variants`, when given, is the full new list.
 * An empty slug is made again from the name. Without products.cost the unit cost (product and variants)
 * is left untouched whatever was sent. Bumps the shop's version in the same transaction.
 */
export async function updateProduct(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  productId: string;
  input: ProductPatchInput;
  ip?: string;
}): Promise<MerchantProduct> {
  requireCapability(opts.role, 'products.edit');
  const { input } = opts;
  const canSetCost = roleHas(opts.role, 'products.cost');
  try {
    return await inShop(opts.shopId, async (scope) => {
      const { tx, shopId } = scope;
      const before = await loadProduct(tx, shopId, opts.productId);
      const price = input.price ?? before.price;
      const compareAt = input.compareAtPrice !== undefined ? input.compareAtPrice : before.compare_at_price;
      const errors: FieldErrors = {};
      checkCompareAt(errors, input.compareAtPrice !== undefined ? 'compareAtPrice' : 'price', price, compareAt);
      throwIfAny(errors);
      const name = input.name ?? before.name;
      let slug = before.slug;
      if (input.slug === '') slug = await resolveSlug(tx, shopId, undefined, name, before.id);
      else if (input.slug !== undefined && input.slug !== before.slug) slug = await resolveSlug(tx, shopId, input.slug, name, before.id);
      const now = nowIso();
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(slug !== before.slug && { slug }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.price !== undefined && { price: input.price }),
        ...(input.compareAtPrice !== undefined && { compare_at_price: input.compareAtPrice }),
        ...(canSetCost && input.unitCost !== undefined && { unit_cost: input.unitCost }),
        ...(input.unit !== undefined && { unit: input.unit }),
        ...(input.netContent !== undefined && { net_content: input.netContent }),
        ...(input.sku !== undefined && { sku: input.sku }),
        ...(input.category !== undefined && { category: input.category }),
        ...(input.stock !== undefined && { stock: input.stock }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
      };
      const changed = Object.keys(changes).filter(
        (k) => (before as Record<string, unknown>)[k] !== (changes as Record<string, unknown>)[k],
      );
      // Stock goes through the ledger's adjustment (a movement with its value), never as a bare column write.
      const { stock: _stock, ...rest } = changes as typeof changes & { stock?: number | null };
      await tx
        .updateTable('products')
        .set({ ...rest, updated_at: now })
        .where('shop_id', '=', shopId)
        .where('id', '=', before.id)
        .execute();
      if (input.stock !== undefined) await editItemStock(scope, { productId: before.id, variantId: null }, input.stock, opts.userId);
      if (input.variants !== undefined) {
        await saveVariants(scope, { productId: before.id, inputs: input.variants, canSetCost, now, userId: opts.userId });
        changed.push('variants');
      }
      await bumpShopVersion(scope);
      // Field names, and the public price and visibility: the audit log must not become a way to read unit costs.
      await recordAudit({
        tx,
        shopId,
        userId: opts.userId,
        action: 'product.updated',
        ip: opts.ip,
        details: {
          product: name,
          fields: changed,
          ...(changed.includes('price') && { price: { from: Number(before.price), to: price } }),
          ...(changed.includes('status') && { status: input.status }),
        },
      });
      return readMerchantProduct(tx, shopId, before.id, canSetCost);
    });
  } catch (e) {
    if (isSlugClash(e)) throw new Invalid({ slug: ['catalog.slugTaken'] });
    throw e;
  }
}
