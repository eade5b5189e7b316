import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { Invalid, NotFound } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry } from './post-entry.ts';
import { averageCost, changeItem, ensureValued, OPEN_STATUSES, recordMovement, type ItemRef } from './inventory.ts';
import { requireCapability } from './require-capability.ts';

/**
 * A stock count (stock opname): `counted` is what is on the shelf, including units reserved by open
 * orders. The difference to the books changes the product's stock and posts as Beban Selisih Persediaan
 * (a loss at the moving average; a gain at the average, or the unit cost when nothing is left to average).
 */
export async function countStock(opts: {
  shopId: string; role: Role; userId: string | null; item: ItemRef; counted: number; key: string; at?: string;
}): Promise<{ difference: number; value: number; recorded: boolean }> {
  requireCapability(opts.role, 'products.edit');
  if (!Number.isSafeInteger(opts.counted) || opts.counted < 0) throw new Invalid({ counted: ['ledger.quantityInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    const row = await ensureValued(scope, opts.item, { startTracking: true });
    if (!row) throw new NotFound('catalog.notFound');
    const { tx, shopId } = scope;
    const reserved = await tx.selectFrom('stock_movements')
      .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'stock_movements.shop_id').onRef('orders.id', '=', 'stock_movements.order_id'))
      .select((eb) => eb.fn.sum<number>('stock_movements.quantity').as('q'))
      .where('stock_movements.shop_id', '=', shopId).where('stock_movements.kind', 'in', ['reserve', 'release'])
      .where('stock_movements.product_id', '=', opts.item.productId).where('stock_movements.variant_id', '=', opts.item.variantId ?? '')
      .where('orders.status', 'in', [...OPEN_STATUSES]).executeTakeFirst();
    const available = row.stock ?? 0;
    const value0 = row.stock_value ?? 0;
    const reservedQty = -Number(reserved?.q ?? 0);
    const diff = opts.counted - (available + reservedQty);
    const key = `count:${opts.key}`;
    const source = { type: 'stock', id: opts.item.variantId ?? opts.item.productId };
    if (diff === 0) {
      // The count still claims its key (an entry without postings): replaying it later, when the stock has moved, changes nothing.
      const entry = await postEntry(scope, { key, source, at: opts.at, createdBy: opts.userId, memo: 'stok opname', lines: [] });
      return { difference: 0, value: 0, recorded: entry.posted };
    }
    // A loss cannot take units an open order holds: those leave with their order.
    if (-diff > available) throw new Invalid({ counted: ['ledger.countBelowReserved'] });
    const value = diff < 0 ? -averageCost(available, value0, -diff)
      : available > 0 ? Math.round((value0 * diff) / available) : diff * (row.unit_cost ?? 0);
    const entry = await postEntry(scope, {
      key, source, at: opts.at, createdBy: opts.userId, memo: 'stok opname',
      lines: [{ account: ACCOUNTS.inventory, amount: value }, { account: ACCOUNTS.inventoryDifference, amount: -value }],
    });
    if (!entry.posted) return { difference: diff, value, recorded: false };
    await recordMovement(scope, { key, item: opts.item, kind: 'count', quantity: diff, value, glValue: value, entryId: entry.entryId });
    await changeItem(scope, opts.item, diff, value);
    await bumpShopVersion(scope);
    return { difference: diff, value, recorded: true };
  });
}
