import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { QUICK_SALE_CHANNELS } from './record-quick-sale.ts';

/** One thing a quick sale can pick: a product, or one variant of it. Never its cost. */
export interface SaleChoice {
  key: string;
  productId: string;
  variantId: string | null;
  name: string;
  price: number;
  /** null: stock not tracked. */
  stock: number | null;
}

const RECENT = 5;
const RECENT_SCAN = 60;
const MAX_CHOICES = 300;

/**
 * What the quick sale page offers: the shop's published products (each variant its own choice), filtered by
 * the search text, and the items most recently sold by hand first so a repeat sale is one tap.
 */
export async function getQuickSalePage(opts: {
  shopId: string;
  role: Role;
  q?: string;
}): Promise<{ choices: SaleChoice[]; recent: SaleChoice[] }> {
  requireCapability(opts.role, 'orders.manage');
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const products = await tx
      .selectFrom('products')
      .select(['id', 'name', 'price', 'stock'])
      .where('shop_id', '=', shopId)
      .where('status', '=', 'published')
      .orderBy('sort_order')
      .orderBy('name')
      .limit(MAX_CHOICES)
      .execute();
    const variants = products.length
      ? await tx
          .selectFrom('product_variants')
          .select(['id', 'product_id', 'name', 'price', 'stock'])
          .where('shop_id', '=', shopId)
          .where(
            'product_id',
            'in',
            products.map((p) => p.id),
          )
          .orderBy('sort_order')
          .execute()
      : [];
    const all: SaleChoice[] = products.flatMap((p): SaleChoice[] => {
      const vs = variants.filter((v) => v.product_id === p.id);
      if (!vs.length) return [{ key: `${p.id}:`, productId: p.id, variantId: null, name: p.name, price: Number(p.price), stock: p.stock }];
      return vs.map((v) => ({
        key: `${p.id}:${v.id}`,
        productId: p.id,
        variantId: v.id,
        name: `${p.name} — ${v.name}`,
        price: Number(v.price),
        stock: v.stock,
      }));
    });
    const sold = await tx
      .selectFrom('order_lines')
      .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'order_lines.shop_id').onRef('orders.id', '=', 'order_lines.order_id'))
      .select(['order_lines.product_id', 'order_lines.variant_id'])
      .where('order_lines.shop_id', '=', shopId)
      .where('orders.channel', 'in', [...QUICK_SALE_CHANNELS])
      .orderBy('orders.created_at', 'desc')
      .limit(RECENT_SCAN)
      .execute();
    const byKey = new Map(all.map((c) => [c.key, c]));
    const recent = [...new Set(sold.map((s) => `${s.product_id}:${s.variant_id ?? ''}`))]
      .map((k) => byKey.get(k))
      .filter((c): c is SaleChoice => !!c)
      .slice(0, RECENT);
    const q = (opts.q ?? '').trim().toLocaleLowerCase('id');
    const matches = q ? all.filter((c) => c.name.toLocaleLowerCase('id').includes(q)) : all;
    const first = new Set(recent.map((c) => c.key));
    return { choices: [...matches.filter((c) => first.has(c.key)), ...matches.filter((c) => !first.has(c.key))], recent };
  });
}
