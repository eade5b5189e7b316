import type { Tx } from '../db/index.ts';
import type { ShopScope } from '../tenant/index.ts';
import { editItemStock } from '../ledger/count-stock.ts';
import { Invalid, type FieldErrors } from '../errors.ts';
import { newId } from '../util.ts';
import { slugify } from '../shops/slug.ts';
import type { VariantInput } from './schemas.ts';
import type { VariantRow } from './views.ts';

/** Rules shared by createProduct and updateProduct; checked on the merged values, before anything is written. */

export function checkCompareAt(errors: FieldErrors, key: string, price: number, compareAt: number | null): void {
  if (compareAt !== null && compareAt <= price) (errors[key] ??= []).push('catalog.compareAtNotHigher');
}

export function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new Invalid(errors);
}

async function slugTaken(tx: Tx, shopId: string, slug: string, exceptId?: string): Promise<boolean> {
  let q = tx.selectFrom('products').select('id').where('shop_id', '=', shopId).where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

/**
 * The slug to store: a chosen slug must be free (field error otherwise); an empty one is made from the
 * name, with -2, -3… appended until it is free (the person did not pick it, so no reason to refuse).
 */
export async function resolveSlug(tx: Tx, shopId: string, chosen: string | undefined, name: string, exceptId?: string): Promise<string> {
  if (chosen) {
    if (await slugTaken(tx, shopId, chosen, exceptId)) throw new Invalid({ slug: ['catalog.slugTaken'] });
    return chosen;
  }
  const base = slugify(name) || 'produk';
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? base : `${base.slice(0, 74)}-${i}`;
    if (!(await slugTaken(tx, shopId, candidate, exceptId))) return candidate;
  }
  return `${base.slice(0, 60)}-${newId()}`;
}

/** The products (shop_id, slug) unique key refused a write (SQLite and PostgreSQL word it differently). */
export function isSlugClash(e: unknown): boolean {
  return /products_shop_slug|products\.shop_id, products\.slug/.test(String((e as Error)?.message));
}

/**
 * Replace a product's variants with the given list: items with an id update that variant, items without
 * are added, variants left out are removed. A caller without products.cost never changes unit_cost.
 */
export async function saveVariants(
  scope: ShopScope,
  opts: {
    productId: string;
    inputs: VariantInput[];
    canSetCost: boolean;
    now: string;
    userId: string | null;
  },
): Promise<{ added: number; removed: number }> {
  const { tx, shopId } = scope;
  const { productId, inputs, canSetCost, now } = opts;
  const existing = await tx
    .selectFrom('product_variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('product_id', '=', productId)
    .execute();
  const byId = new Map(existing.map((v) => [v.id, v]));
  const errors: FieldErrors = {};
  const seenNames = new Map<string, number>();
  const seenIds = new Set<string>();
  inputs.forEach((v, i) => {
    const before = v.id ? byId.get(v.id) : undefined;
    if (v.id && (!before || seenIds.has(v.id))) (errors[`variants.${i}.id`] ??= []).push('catalog.variantNotFound');
    if (v.id) seenIds.add(v.id);
    const key = v.name.toLocaleLowerCase('id');
    if (seenNames.has(key)) (errors[`variants.${i}.name`] ??= []).push('catalog.variantNameTaken');
    seenNames.set(key, i);
    const compareAt = v.compareAtPrice !== undefined ? v.compareAtPrice : (before?.compare_at_price ?? null);
    checkCompareAt(errors, `variants.${i}.compareAtPrice`, v.price, compareAt);
  });
  throwIfAny(errors);

  const keep = new Set(inputs.filter((v) => v.id).map((v) => v.id!));
  const removed = existing.filter((v) => !keep.has(v.id));
  if (removed.length) {
    // A removed variant's units in the books are written off first (a count to zero), so Persediaan keeps no value without an item.
    for (const v of removed) {
      if (v.stock_value !== null && (v.stock ?? 0) > 0) await editItemStock(scope, { productId, variantId: v.id }, 0, opts.userId);
    }
    await tx
      .deleteFrom('product_variants')
      .where('shop_id', '=', shopId)
      .where('product_id', '=', productId)
      .where(
        'id',
        'in',
        removed.map((v) => v.id),
      )
      .execute();
  }
  // Renames can swap names between variants; park the kept ones on unique temporary names first so the
  // (shop, product, name) unique key never sees a clash halfway through.
  const kept = existing.filter((v) => keep.has(v.id));
  if (kept.some((v) => inputs.some((i) => i.id !== v.id && i.name === v.name))) {
    for (const v of kept) {
      await tx
        .updateTable('product_variants')
        .set({ name: `~~${v.id}` })
        .where('shop_id', '=', shopId)
        .where('id', '=', v.id)
        .execute();
    }
  }
  let added = 0;
  for (const [i, v] of inputs.entries()) {
    const before: VariantRow | undefined = v.id ? byId.get(v.id) : undefined;
    if (before) {
      await tx
        .updateTable('product_variants')
        .set({
          name: v.name,
          price: v.price,
          sort_order: i,
          updated_at: now,
          ...(v.sku !== undefined && { sku: v.sku }),
          ...(v.compareAtPrice !== undefined && { compare_at_price: v.compareAtPrice }),
          ...(canSetCost && v.unitCost !== undefined && { unit_cost: v.unitCost }),
        })
        .where('shop_id', '=', shopId)
        .where('id', '=', before.id)
        .execute();
      if (v.stock !== undefined)
        await editItemStock(scope, { productId, variantId: before.id }, v.stock, opts.userId, `variants.${i}.stock`);
    } else {
      added++;
      await tx
        .insertInto('product_variants')
        .values({
          shop_id: shopId,
          id: newId(),
          product_id: productId,
          name: v.name,
          sku: v.sku ?? null,
          price: v.price,
          compare_at_price: v.compareAtPrice ?? null,
          unit_cost: canSetCost ? (v.unitCost ?? null) : null,
          stock: v.stock ?? null,
          sort_order: i,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
  return { added, removed: removed.length };
}
