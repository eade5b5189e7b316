import { sql } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import { prepared } from '../db/prepared.ts';
import { releaseOrderStock } from '../ledger/inventory.ts';

export interface StockLine {
  productId: string | null;
  variantId: string | null;
  quantity: number;
  name: string;
  variantName: string | null;
}

/**
 * Take quantities off tracked stock (null stock = unlimited, untouched). With `guard`, a line that would
 * go below zero takes nothing and is returned as short (with what is left), so two buyers of the last
 * item cannot both get it; the caller throws, which rolls the transaction back. Without `guard` (a card
 * payment that already happened) the stock may go negative: the shop then sees that it oversold.
 * The caller then writes the order's stock_held = 1 and calls reserveOrderStock (src/server/ledger), which
 * moves the value of the units taken, so every take is a stock movement in the same transaction.
 */
export async function takeStock(
  scope: ShopScope,
  lines: readonly StockLine[],
  opts: { guard: boolean },
): Promise<{ short: { name: string; available: number } | null; tracked: boolean }> {
  const { tx, shopId } = scope;
  let tracked = false;
  for (const l of lines) {
    if (!l.productId) continue;
    // Unguarded still skips untracked (null) stock: NULL >= anything is not true. Fits a 32-bit integer column.
    const min = opts.guard ? l.quantity : -1_000_000_000;
    const updated = l.variantId
      ? await takeVariant.affected(tx, l.quantity, shopId, l.variantId, min)
      : await takeProduct.affected(tx, l.quantity, shopId, l.productId, min);
    if (updated === 1) {
      tracked = true;
      continue;
    }
    const now = l.variantId
      ? await tx
          .selectFrom('product_variants')
          .select('stock')
          .where('shop_id', '=', shopId)
          .where('id', '=', l.variantId)
          .executeTakeFirst()
      : await tx.selectFrom('products').select('stock').where('shop_id', '=', shopId).where('id', '=', l.productId).executeTakeFirst();
    if (now && now.stock !== null) {
      return { short: { name: l.variantName ? `${l.name} (${l.variantName})` : l.name, available: Math.max(0, now.stock) }, tracked };
    }
  }
  return { short: null, tracked };
}

const takeVariant = prepared((q, quantity: number, shopId: string, id: string, min: number) =>
  q
    .updateTable('product_variants')
    .set({ stock: sql`stock - ${quantity}` })
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .where('stock', '>=', min),
);
const takeProduct = prepared((q, quantity: number, shopId: string, id: string, min: number) =>
  q
    .updateTable('products')
    .set({ stock: sql`stock - ${quantity}` })
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .where('stock', '>=', min),
);

/** The lines of a stored order, as takeStock/releaseStock want them. */
export async function orderStockLines(scope: ShopScope, orderId: string): Promise<StockLine[]> {
  const rows = await scope.tx
    .selectFrom('order_lines')
    .select(['product_id', 'variant_id', 'quantity', 'name', 'variant_name'])
    .where('shop_id', '=', scope.shopId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    variantId: r.variant_id,
    quantity: r.quantity,
    name: r.name,
    variantName: r.variant_name,
  }));
}

/**
 * Put an order's held quantities back, with their value and a release movement (src/server/ledger), so the
 * storefront's stock and the books stay one number; true when any stock changed.
 */
export async function releaseStock(scope: ShopScope, orderId: string): Promise<boolean> {
  return releaseOrderStock(scope, orderId);
}
