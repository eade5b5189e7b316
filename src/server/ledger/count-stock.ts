import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { Invalid, NotFound } from '../errors.ts';
import { roleHas, type Role } from '../auth/access.ts';
import { newId } from '../util.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry } from './post-entry.ts';
import { averageCost, changeItem, ensureValued, OPEN_STATUSES, readItem, recordMovement, type ItemRef } from './inventory.ts';
import { requireCapability } from './require-capability.ts';

/**
 * A stock count (stock opname): `counted` is what is on the shelf, including units reserved by open
 * orders. The difference to the books changes the product's stock and posts as Beban Selisih Persediaan
 * (a loss at the moving average; a gain at the average, or the unit cost when nothing is left to average).
 */
export async function countStock(opts: {
  shopId: string;
  role: Role;
  userId: string | null;
  item: ItemRef;
  counted: number;
  key: string;
  at?: string;
}): Promise<{ difference: number; value?: number; recorded: boolean }> {
  requireCapability(opts.role, 'products.edit');
  if (!Number.isSafeInteger(opts.counted) || opts.counted < 0) throw new Invalid({ counted: ['ledger.quantityInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    const r = await adjustStock(
      scope,
      opts.item,
      { counted: opts.counted },
      { key: `count:${opts.key}`, at: opts.at, userId: opts.userId, memo: 'stok opname' },
    );
    if (r.recorded && r.difference !== 0) await bumpShopVersion(scope);
    // Staff count the shelf; the difference's value at cost is the owner's.
    return roleHas(opts.role, 'products.cost') ? r : { difference: r.difference, recorded: r.recorded };
  });
}

/**
 * The one way stock is set by hand, in the caller's transaction: to a count of the shelf (`counted`,
 * held units included) or to what the storefront should offer (`available`, what the product page and
 * the API edit). The difference is a count movement at the moving average posted to Beban Selisih
 * Persediaan, so the storefront's stock and the books stay one number.
 */
export async function adjustStock(
  scope: ShopScope,
  item: ItemRef,
  target: { counted: number } | { available: number },
  opts: { key: string; at?: string; userId: string | null; memo: string },
): Promise<{ difference: number; value: number; recorded: boolean }> {
  const row = await ensureValued(scope, item, { startTracking: true });
  if (!row) throw new NotFound('catalog.notFound');
  const { tx, shopId } = scope;
  const available = row.stock ?? 0;
  const value0 = row.stock_value ?? 0;
  let diff: number;
  if ('counted' in target) {
    const held = await tx
      .selectFrom('stock_movements')
      .innerJoin('orders', (j) =>
        j.onRef('orders.shop_id', '=', 'stock_movements.shop_id').onRef('orders.id', '=', 'stock_movements.order_id'),
      )
      .select((eb) => eb.fn.sum<number>('stock_movements.quantity').as('q'))
      .where('stock_movements.shop_id', '=', shopId)
      .where('stock_movements.kind', 'in', ['reserve', 'release'])
      .where('stock_movements.product_id', '=', item.productId)
      .where('stock_movements.variant_id', '=', item.variantId ?? '')
      .where('orders.status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    diff = target.counted - (available + -Number(held?.q ?? 0));
  } else {
    diff = target.available - available;
  }
  const source = { type: 'stock', id: item.variantId ?? item.productId };
  if (diff === 0) {
    // The count still claims its key (an entry without postings): replaying it later, when the stock has moved, changes nothing.
    const entry = await postEntry(scope, { key: opts.key, source, at: opts.at, createdBy: opts.userId, memo: opts.memo, lines: [] });
    return { difference: 0, value: 0, recorded: entry.posted };
  }
  // A loss cannot take units an open order holds: those leave with their order.
  if (-diff > available) throw new Invalid({ counted: ['ledger.countBelowReserved'] });
  const value =
    diff < 0
      ? -averageCost(available, value0, -diff)
      : available > 0
        ? Math.round((value0 * diff) / available)
        : diff * (row.unit_cost ?? 0);
  const entry = await postEntry(scope, {
    key: opts.key,
    source,
    at: opts.at,
    createdBy: opts.userId,
    memo: opts.memo,
    lines: [
      { account: ACCOUNTS.inventory, amount: value },
      { account: ACCOUNTS.inventoryDifference, amount: -value },
    ],
  });
  if (!entry.posted) return { difference: diff, value, recorded: false };
  await recordMovement(scope, { key: opts.key, item, kind: 'count', quantity: diff, value, glValue: value, entryId: entry.entryId });
  await changeItem(scope, item, diff, value);
  return { difference: diff, value, recorded: true };
}

/**
 * Stock typed on the product page or sent to the API (product or variant). An item the ledger has not
 * taken in yet is written as it is (its opening balance will count it); once it is in the ledger the
 * change goes through adjustStock. Such an item cannot stop tracking stock (the books hold its value):
 * the merchant enters 0 instead. Returns whether the stock changed.
 */
export async function editItemStock(
  scope: ShopScope,
  item: ItemRef,
  stock: number | null,
  userId: string | null,
  field = 'stock',
): Promise<boolean> {
  const row = await readItem(scope, item);
  if (!row || row.stock === stock) return false;
  if (row.stock_value === null) {
    const { tx, shopId } = scope;
    if (item.variantId)
      await tx.updateTable('product_variants').set({ stock }).where('shop_id', '=', shopId).where('id', '=', item.variantId).execute();
    else await tx.updateTable('products').set({ stock }).where('shop_id', '=', shopId).where('id', '=', item.productId).execute();
    return true;
  }
  if (stock === null) throw new Invalid({ [field]: ['ledger.stockStaysTracked'] });
  await adjustStock(scope, item, { available: stock }, { key: `edit:${newId()}`, userId, memo: 'stok diubah' });
  return true;
}
