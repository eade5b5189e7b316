import { NotFound } from '../errors.ts';
import { inShop } from '../tenant/index.ts';
import type { Tx } from '../db/index.ts';
import type { ShopRole } from '../db/schema.ts';
import { requireCapability, roleHas } from '../auth/access.ts';
import { photosOf, variantsOf, type PhotoView, type ProductRow, type VariantRow } from './views.ts';
import { productShortPath } from './links.ts';
import type { ProductStatus } from './schemas.ts';

export interface MerchantVariant {
  id: string;
  name: string;
  sku: string | null;
  price: number;
  compareAtPrice: number | null;
  /** Present only for roles with products.cost. */
  unitCost?: number | null;
  stock: number | null;
  sortOrder: number;
}

/** A product as the shop's members see it. `unitCost` keys exist only when the caller may see costs. */
export interface MerchantProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  compareAtPrice: number | null;
  unitCost?: number | null;
  unit: string;
  netContent: string;
  sku: string | null;
  category: string;
  stock: number | null;
  status: ProductStatus;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  shortPath: string;
  variants: MerchantVariant[];
  photos: PhotoView[];
}

function variantView(v: VariantRow, withCost: boolean): MerchantVariant {
  return {
    id: v.id,
    name: v.name,
    sku: v.sku,
    price: v.price,
    compareAtPrice: v.compare_at_price,
    ...(withCost && { unitCost: v.unit_cost }),
    stock: v.stock,
    sortOrder: v.sort_order,
  };
}

export function merchantProductView(p: ProductRow, variants: VariantRow[], photos: PhotoView[], withCost: boolean): MerchantProduct {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    price: p.price,
    compareAtPrice: p.compare_at_price,
    ...(withCost && { unitCost: p.unit_cost }),
    unit: p.unit,
    netContent: p.net_content,
    sku: p.sku,
    category: p.category,
    stock: p.stock,
    status: p.status,
    sortOrder: p.sort_order,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    shortPath: productShortPath(p.id),
    variants: variants.map((v) => variantView(v, withCost)),
    photos,
  };
}

/** Loads one product of the shop inside an open transaction; another shop's id is NotFound. */
export async function loadProduct(tx: Tx, shopId: string, productId: string): Promise<ProductRow> {
  const p = await tx.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('id', '=', productId).executeTakeFirst();
  if (!p) throw new NotFound('catalog.productNotFound');
  return p;
}

export async function readMerchantProduct(tx: Tx, shopId: string, productId: string, withCost: boolean): Promise<MerchantProduct> {
  const p = await loadProduct(tx, shopId, productId);
  const [variants, photos] = [await variantsOf(tx, shopId, [p.id]), await photosOf(tx, shopId, [p.id])];
  return merchantProductView(p, variants.get(p.id) ?? [], photos.get(p.id) ?? [], withCost);
}

/** One product for the dashboard or the merchant API; unit costs only for a role with products.cost. */
export async function getProduct(opts: { shopId: string; productId: string; role: ShopRole }): Promise<MerchantProduct> {
  requireCapability(opts.role, 'products.view');
  const withCost = roleHas(opts.role, 'products.cost');
  return inShop(opts.shopId, ({ tx, shopId }) => readMerchantProduct(tx, shopId, opts.productId, withCost));
}
