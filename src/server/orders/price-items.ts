import type { ShopScope } from '../tenant/index.ts';
import { Invalid, type FieldErrors } from '../errors.ts';
import { prepared } from '../db/prepared.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 9999;

/** What a customer asks for: a product by id or slug, maybe a variant, a quantity. Prices never come from here. */
export interface ItemRequest {
  productId?: string | null;
  product?: string | null;
  variantId?: string | null;
  quantity: number;
}

export interface PricedLine {
  productId: string;
  variantId: string | null;
  slug: string;
  name: string;
  variantName: string | null;
  sku: string | null;
  unitPrice: number;
  unitCost: number | null;
  quantity: number;
  lineTotal: number;
  /** Stock of what this line draws on (the variant's when there is one); null = not tracked. */
  stock: number | null;
}

/**
 * Price requested items from the shop's current published catalog. Another shop's product, a draft or an
 * unknown id is "not available" (never a hint that it exists elsewhere). Lines for the same product and
 * variant are merged. Throws Invalid with per-item field errors (`items.N.…`).
 */
export async function priceItems(
  scope: ShopScope,
  items: readonly ItemRequest[],
  opts: { checkStock?: boolean } = {},
): Promise<PricedLine[]> {
  const { tx, shopId } = scope;
  const fields: FieldErrors = {};
  const add = (path: string, key: string) => {
    (fields[path] ??= []).push(key);
  };

  const ids = [...new Set(items.map((i) => i.productId).filter((v): v is string => !!v))];
  const slugs = [...new Set(items.map((i) => i.product).filter((v): v is string => !!v))];
  const products =
    ids.length && !slugs.length
      ? await productsById.all(tx, shopId, ids)
      : ids.length || slugs.length
        ? await tx
            .selectFrom('products')
            .select(['id', 'slug', 'name', 'sku', 'price', 'unit_cost', 'stock'])
            .where('shop_id', '=', shopId)
            .where('status', '=', 'published')
            .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(slugs.length ? [eb('slug', 'in', slugs)] : [])]))
            .execute()
        : [];
  const productIds = products.map((p) => p.id);
  const variants = productIds.length ? await variantsOf.all(tx, shopId, productIds) : [];

  const merged = new Map<string, PricedLine & { index: number }>();
  items.forEach((item, i) => {
    const p = products.find((x) => (item.productId ? x.id === item.productId : x.slug === item.product));
    if (!p || (item.productId && item.product && p.slug !== item.product)) {
      add(
        `items.${i}.${item.productId ? 'productId' : 'product'}`,
        item.productId || item.product ? 'orders.productUnavailable' : 'orders.productRequired',
      );
      return;
    }
    const own = variants.filter((v) => v.product_id === p.id);
    let v: (typeof variants)[number] | undefined;
    if (item.variantId) {
      v = own.find((x) => x.id === item.variantId);
      if (!v) {
        add(`items.${i}.variantId`, 'orders.variantUnavailable');
        return;
      }
    } else if (own.length) {
      add(`items.${i}.variantId`, 'orders.variantRequired');
      return;
    }
    const key = `${p.id}/${v?.id ?? ''}`;
    const prev = merged.get(key);
    const quantity = (prev?.quantity ?? 0) + item.quantity;
    const unitPrice = Number(v ? v.price : p.price);
    const costRaw = v ? (v.unit_cost ?? p.unit_cost) : p.unit_cost;
    merged.set(key, {
      index: prev?.index ?? i,
      productId: p.id,
      variantId: v?.id ?? null,
      slug: p.slug,
      name: p.name,
      variantName: v?.name ?? null,
      sku: v?.sku ?? p.sku,
      unitPrice,
      unitCost: costRaw === null ? null : Number(costRaw),
      quantity,
      lineTotal: unitPrice * quantity,
      stock: v ? v.stock : p.stock,
    });
  });
  if (Object.keys(fields).length) throw new Invalid(fields);
  const lines = [...merged.values()];
  if (lines.length > MAX_LINES) throw new Invalid({ items: ['orders.tooManyLines'] }, 'orders.tooManyLines');
  if (opts.checkStock) {
    const short = lines.find((l) => l.stock !== null && l.quantity > l.stock);
    if (short) {
      const name = short.variantName ? `${short.name} (${short.variantName})` : short.name;
      throw new Invalid({ [`items.${short.index}.quantity`]: ['orders.stockShort'] }, 'orders.stockShortMessage', {
        name,
        available: Math.max(0, short.stock ?? 0),
      });
    }
  }
  return lines.map(({ index: _i, ...l }) => l);
}

// Checkout names products by id: that form of the product read (and the variants read) compiles once.
const productsById = prepared((q, shopId: string, ids: string[]) =>
  q
    .selectFrom('products')
    .select(['id', 'slug', 'name', 'sku', 'price', 'unit_cost', 'stock'])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'published')
    .where('id', 'in', ids),
);
const variantsOf = prepared((q, shopId: string, productIds: string[]) =>
  q
    .selectFrom('product_variants')
    .select(['id', 'product_id', 'name', 'sku', 'price', 'unit_cost', 'stock'])
    .where('shop_id', '=', shopId)
    .where('product_id', 'in', productIds),
);
