import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { requireCapability, roleHas } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { Invalid, type FieldErrors } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import type { ProductInput } from './schemas.ts';
import { checkCompareAt, isSlugClash, resolveSlug, saveVariants, throwIfAny } from './product-rules.ts';
import { attachPhotos, prepareUploads } from './add-product-photos.ts';
import { readMerchantProduct, type MerchantProduct } from './get-product.ts';

/**
 * Create a product (with its variants and, from the form, its first photos) in one transaction, and bump
 * the shop's version so cached public pages refresh. Without products.cost any unit cost sent is ignored.
 */
export async function createProduct(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  input: ProductInput;
  photos?: Buffer[];
  ip?: string;
}): Promise<MerchantProduct> {
  requireCapability(opts.role, 'products.edit');
  const { input } = opts;
  const canSetCost = roleHas(opts.role, 'products.cost');
  const errors: FieldErrors = {};
  checkCompareAt(errors, 'compareAtPrice', input.price, input.compareAtPrice ?? null);
  throwIfAny(errors);
  const images = opts.photos?.length ? await prepareUploads(opts.photos, 0) : [];
  const now = nowIso();
  try {
    return await inShop(opts.shopId, async (scope) => {
      const { tx, shopId } = scope;
      const slug = await resolveSlug(tx, shopId, input.slug || undefined, input.name);
      let sortOrder = input.sortOrder;
      if (sortOrder === undefined) {
        const last = await tx
          .selectFrom('products')
          .select((eb) => eb.fn.max<number>('sort_order').as('m'))
          .where('shop_id', '=', shopId)
          .executeTakeFirst();
        sortOrder = last?.m === null || last?.m === undefined ? 0 : Number(last.m) + 1;
      }
      const id = newId();
      await tx
        .insertInto('products')
        .values({
          shop_id: shopId,
          id,
          slug,
          name: input.name,
          description: input.description ?? '',
          price: input.price,
          compare_at_price: input.compareAtPrice ?? null,
          unit_cost: canSetCost ? (input.unitCost ?? null) : null,
          unit: input.unit ?? 'pcs',
          net_content: input.netContent ?? '',
          sku: input.sku ?? null,
          category: input.category ?? '',
          stock: input.stock ?? null,
          status: input.status ?? 'draft',
          sort_order: sortOrder,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (input.variants?.length) {
        await saveVariants(scope, {
          productId: id,
          inputs: input.variants.map((v) => ({ ...v, id: undefined })),
          canSetCost,
          now,
          userId: opts.userId,
        });
      }
      if (images.length) await attachPhotos(scope, { productId: id, images, alt: '', userId: opts.userId });
      await bumpShopVersion(scope);
      await recordAudit({ tx, shopId, userId: opts.userId, action: 'product.created', ip: opts.ip, details: { product: input.name } });
      return readMerchantProduct(tx, shopId, id, canSetCost);
    });
  } catch (e) {
    // Two people saving the same slug at once: the unique key decides.
    if (isSlugClash(e)) throw new Invalid({ slug: ['catalog.slugTaken'] });
    throw e;
  }
}
