import { inShop } from '../tenant/index.ts';
import { roleHas, type Role } from '../auth/access.ts';
import { newId } from '../util.ts';
import { ACCOUNTS } from './chart-template.ts';
import { requireCapability } from './require-capability.ts';
import { balancesOf } from './period-totals.ts';

export interface StockItemView {
  productId: string;
  variantId: string | null;
  name: string;
  /** What the storefront offers (the ledger's quantity; units held by open orders are not in it). */
  stock: number | null;
  /** At cost, and the moving average: the owner's only (undefined for staff). */
  value?: number | null;
  averageCost?: number | null;
}

export interface StockPage {
  items: StockItemView[];
  /** Whether the reader records stock-ins and sees costs (the owner). */
  costs: boolean;
  /** Bahan Baku and Persediaan Kemasan on hand, what a batch can take (owner only). */
  materials?: number;
  packaging?: number;
  formKey: string;
}

/** The stock page: every product and variant with its stock; values at cost only for a role that sees costs. */
export async function getStockPage(opts: { shopId: string; role: Role }): Promise<StockPage> {
  requireCapability(opts.role, 'products.edit');
  const costs = roleHas(opts.role, 'products.cost');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const products = await tx
      .selectFrom('products')
      .select(['id', 'name', 'stock', 'stock_value'])
      .where('shop_id', '=', shopId)
      .orderBy('name')
      .execute();
    const variants = await tx
      .selectFrom('product_variants')
      .select(['id', 'product_id', 'name', 'stock', 'stock_value'])
      .where('shop_id', '=', shopId)
      .orderBy('product_id')
      .orderBy('sort_order')
      .execute();
    const view = (productId: string, variantId: string | null, name: string, stock: number | null, value: number | null): StockItemView => {
      const item: StockItemView = { productId, variantId, name, stock };
      if (!costs) return item;
      const v = value === null ? null : Number(value);
      return { ...item, value: v, averageCost: v !== null && stock ? Math.round(v / stock) : null };
    };
    const items: StockItemView[] = [];
    for (const p of products) {
      const vs = variants.filter((v) => v.product_id === p.id);
      if (!vs.length) items.push(view(p.id, null, p.name, p.stock, p.stock_value));
      for (const v of vs) items.push(view(p.id, v.id, `${p.name} – ${v.name}`, v.stock, v.stock_value));
    }
    if (!costs) return { items, costs, formKey: `stok-${newId()}` };
    const balance = await balancesOf(scope, [ACCOUNTS.materials, ACCOUNTS.packaging]);
    return { items, costs, materials: balance(ACCOUNTS.materials), packaging: balance(ACCOUNTS.packaging), formKey: `stok-${newId()}` };
  });
}
