import { sql, type Insertable } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import type { StockMovementKind, StockMovementsTable } from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';
import { newSequentialId, nowIso } from '../util.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry } from './post-entry.ts';

/**
 * Perpetual inventory at moving-average cost, kept on the product/variant row itself: `stock` is the
 * one quantity (what the storefront shows, available to sell) and `stock_value` its value at cost.
 * Every change of either is a stock movement (append-only) in the same transaction, so the ledger's
 * quantity and the storefront's are the same number. An order's hold (at placement, or again when a
 * lapsed hold is accepted) takes the units out of `stock` at the average cost of that moment; the value
 * stays in Persediaan until fulfilment posts it to HPP, or a lapse, cancellation or expiry puts the same
 * units and value back (src/server/orders/order-stock.ts is the orders' side of this).
 */
export interface ItemRef {
  productId: string;
  variantId: string | null;
}

export const OPEN_STATUSES = ['pending', 'confirmed', 'paid'] as const;

interface ItemRow {
  stock: number | null;
  stock_value: number | null;
  unit_cost: number | null;
}

export async function readItem(scope: ShopScope, item: ItemRef): Promise<ItemRow | undefined> {
  const { tx, shopId } = scope;
  if (item.variantId) {
    return tx
      .selectFrom('product_variants')
      .innerJoin('products', (j) =>
        j.onRef('products.shop_id', '=', 'product_variants.shop_id').onRef('products.id', '=', 'product_variants.product_id'),
      )
      .select([
        'product_variants.stock',
        'product_variants.stock_value',
        sql<number | null>`coalesce(product_variants.unit_cost, products.unit_cost)`.as('unit_cost'),
      ])
      .where('product_variants.shop_id', '=', shopId)
      .where('product_variants.id', '=', item.variantId)
      .executeTakeFirst();
  }
  return productItem.first(tx, shopId, item.productId);
}

const productItem = prepared((q, shopId: string, id: string) =>
  q.selectFrom('products').select(['stock', 'stock_value', 'unit_cost']).where('shop_id', '=', shopId).where('id', '=', id),
);
const changeVariant = prepared((q, dq: number, dv: number, shopId: string, id: string) =>
  q
    .updateTable('product_variants')
    .set({ stock: sql<number>`coalesce(stock, 0) + ${dq}`, stock_value: sql<number>`coalesce(stock_value, 0) + ${dv}` })
    .where('shop_id', '=', shopId)
    .where('id', '=', id),
);
const changeProduct = prepared((q, dq: number, dv: number, shopId: string, id: string) =>
  q
    .updateTable('products')
    .set({ stock: sql<number>`coalesce(stock, 0) + ${dq}`, stock_value: sql<number>`coalesce(stock_value, 0) + ${dv}` })
    .where('shop_id', '=', shopId)
    .where('id', '=', id),
);
const insertMovement = prepared((q, row: Insertable<StockMovementsTable>) =>
  q
    .insertInto('stock_movements')
    .values(row)
    .onConflict((oc) => oc.columns(['shop_id', 'idem_key']).doNothing())
    .returning('id'),
);

/** Change the item's stock and/or value by a delta (the row's one quantity). */
export async function changeItem(scope: ShopScope, item: ItemRef, dq: number, dv: number): Promise<void> {
  const { tx, shopId } = scope;
  if (item.variantId) await changeVariant.all(tx, dq, dv, shopId, item.variantId);
  else await changeProduct.all(tx, dq, dv, shopId, item.productId);
}

export async function recordMovement(
  scope: ShopScope,
  m: {
    key: string;
    item: ItemRef;
    kind: StockMovementKind;
    quantity: number;
    value: number;
    glValue: number;
    orderId?: string | null;
    lineNo?: number | null;
    entryId?: string | null;
  },
): Promise<boolean> {
  const r = await insertMovement.first(scope.tx, {
    shop_id: scope.shopId,
    id: newSequentialId(),
    idem_key: m.key,
    product_id: m.item.productId,
    variant_id: m.item.variantId ?? '',
    kind: m.kind,
    quantity: m.quantity,
    value: m.value,
    gl_value: m.glValue,
    order_id: m.orderId ?? null,
    line_no: m.lineNo ?? null,
    entry_id: m.entryId ?? null,
    created_at: nowIso(),
  });
  return r !== undefined;
}

function itemKey(item: ItemRef): string {
  return item.variantId ? `v:${item.variantId}` : `p:${item.productId}`;
}

/** Cost of taking q units out of (qty, value) at the moving average; the last unit takes what is left. */
export function averageCost(qty: number, value: number, q: number): number {
  if (q <= 0 || qty <= 0) return 0;
  if (q >= qty) return value;
  return Math.round((value * q) / qty);
}

/**
 * Take the item into the ledger the first time it is touched: its stock on hand (what is available plus
 * what open orders reserved) is valued at its recorded unit cost as an opening balance (saldo awal,
 * Persediaan / Modal Pemilik), and each hold of an open order gets its movement. Items without tracked stock
 * are left alone unless `startTracking` (a stock-in or count) starts tracking them at zero.
 * `openOrderId` counts that order as open although its status just changed (fulfilment in progress).
 */
export async function ensureValued(
  scope: ShopScope,
  item: ItemRef,
  opts: { startTracking?: boolean; openOrderId?: string } = {},
): Promise<ItemRow | undefined> {
  const row = await readItem(scope, item);
  if (!row || row.stock_value !== null) return row;
  if (row.stock === null && !opts.startTracking) return row;
  const { tx, shopId } = scope;
  const cost = row.unit_cost ?? 0;
  let lines: { order_id: string; line_no: number; quantity: number }[] = [];
  if (row.stock !== null) {
    let q = tx
      .selectFrom('order_lines')
      .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'order_lines.shop_id').onRef('orders.id', '=', 'order_lines.order_id'))
      .select(['order_lines.order_id', 'order_lines.line_no', 'order_lines.quantity'])
      .where('order_lines.shop_id', '=', shopId)
      .where('order_lines.product_id', '=', item.productId);
    q = item.variantId ? q.where('order_lines.variant_id', '=', item.variantId) : q.where('order_lines.variant_id', 'is', null);
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('orders.status', 'in', [...OPEN_STATUSES]), eb('orders.stock_held', '=', 1)]),
        ...(opts.openOrderId ? [eb('orders.id', '=', opts.openOrderId)] : []),
      ]),
    );
    lines = await q.execute();
  }
  const available = row.stock ?? 0;
  const onHand = available + lines.reduce((s, l) => s + l.quantity, 0);
  const value = onHand * cost;
  const key = `opening:${itemKey(item)}`;
  const entry = await postEntry(scope, {
    key,
    source: { type: 'opening', id: item.variantId ?? item.productId },
    lines: [
      { account: ACCOUNTS.inventory, amount: value },
      { account: ACCOUNTS.capital, amount: -value },
    ],
    memo: 'saldo awal persediaan',
  });
  await recordMovement(scope, { key, item, kind: 'opening', quantity: onHand, value, glValue: value, entryId: entry.entryId });
  for (const l of lines) {
    const v = l.quantity * cost;
    await recordMovement(scope, {
      key: `reserve:${l.order_id}:${l.line_no}:0`,
      item,
      kind: 'reserve',
      quantity: -l.quantity,
      value: -v,
      glValue: 0,
      orderId: l.order_id,
      lineNo: l.line_no,
    });
  }
  // The row's stock already is `available`: the opening and reservations net to it. Only the value is set.
  const set = { stock: available, stock_value: available * cost };
  if (item.variantId)
    await tx.updateTable('product_variants').set(set).where('shop_id', '=', shopId).where('id', '=', item.variantId).execute();
  else await tx.updateTable('products').set(set).where('shop_id', '=', shopId).where('id', '=', item.productId).execute();
  return { ...row, stock: available, stock_value: available * cost };
}

export interface OrderLineRow {
  line_no: number;
  product_id: string | null;
  variant_id: string | null;
  quantity: number;
  unit_cost: number | null;
  line_total: number;
}

const selectOrderLines = prepared((q, shopId: string, orderId: string) =>
  q
    .selectFrom('order_lines')
    .select(['line_no', 'product_id', 'variant_id', 'quantity', 'unit_cost', 'line_total'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId),
);

// Sorted here: SQLite's ORDER BY, though answered from the primary key, made this lookup several times slower.
async function orderLines(scope: ShopScope, orderId: string): Promise<OrderLineRow[]> {
  return (await selectOrderLines.all(scope.tx, scope.shopId, orderId)).sort((a, b) => a.line_no - b.line_no);
}

const selectHolds = prepared((q, shopId: string, orderId: string) =>
  q
    .selectFrom('stock_movements')
    .select(['line_no', 'kind', 'quantity', 'value'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .where('kind', 'in', ['reserve', 'release']),
);

interface HoldState {
  releases: number;
  quantity: number;
  value: number;
  moved: boolean;
}

/**
 * Per order line: how many holds were given back so far (each hold's movements carry that number in their
 * key, so a lapsed hold taken again on accept is a new movement, and a replay of either is not) and what
 * the line holds now (quantity and value taken out of the item, positive).
 */
async function holdStates(scope: ShopScope, orderId: string): Promise<Map<number, HoldState>> {
  const rows = await selectHolds.all(scope.tx, scope.shopId, orderId);
  const out = new Map<number, HoldState>();
  for (const r of rows) {
    const s = out.get(r.line_no!) ?? { releases: 0, quantity: 0, value: 0, moved: true };
    if (r.kind === 'release') s.releases++;
    s.quantity -= Number(r.quantity);
    s.value -= Number(r.value);
    out.set(r.line_no!, s);
  }
  return out;
}

/**
 * After an order took its stock (takeStock decremented `stock`, the order row says stock_held = 1): move
 * the value of the held units out of the item at the moving average, one movement per line. Lines of
 * items without tracked stock have nothing to move.
 */
export async function reserveOrderStock(
  scope: ShopScope,
  orderId: string,
  /** A just-inserted order's lines: it has no holds yet, so neither its lines nor its holds are read back. */
  opts: { newLines?: readonly OrderLineRow[] } = {},
): Promise<void> {
  const lines = opts.newLines ?? (await orderLines(scope, orderId));
  const states = opts.newLines ? new Map<number, HoldState>() : await holdStates(scope, orderId);
  const byItem = new Map<string, { item: ItemRef; lines: OrderLineRow[] }>();
  for (const l of lines) {
    if (!l.product_id) continue;
    const item = { productId: l.product_id, variantId: l.variant_id };
    const g = byItem.get(itemKey(item)) ?? { item, lines: [] };
    g.lines.push(l);
    byItem.set(itemKey(item), g);
  }
  for (const { item, lines: ls } of byItem.values()) {
    const row = await ensureValued(scope, item);
    if (!row || row.stock === null || row.stock_value === null) continue;
    // ensureValued may just have given these lines their movements (first touch): those are skipped.
    let pending = ls.reduce((s, l) => s + l.quantity, 0);
    let value = row.stock_value;
    let taken = 0;
    for (const l of ls) {
      const qtyBefore = row.stock + pending;
      const cost = averageCost(qtyBefore, value, l.quantity);
      const gen = states.get(l.line_no)?.releases ?? 0;
      const fresh = await recordMovement(scope, {
        key: `reserve:${orderId}:${l.line_no}:${gen}`,
        item,
        kind: 'reserve',
        quantity: -l.quantity,
        value: -cost,
        glValue: 0,
        orderId,
        lineNo: l.line_no,
      });
      pending -= l.quantity;
      if (!fresh) continue;
      value -= cost;
      taken += cost;
    }
    if (taken) await changeItem(scope, item, 0, -taken);
  }
}

/**
 * Give an order's held stock back (hold lapsed, cancelled, expired): the units and the value its hold took
 * return to the item, with a release movement, in the caller's transaction. An item the ledger has not
 * taken in yet (no stock value) just gets its units back; its opening balance will count them. True when
 * any stock changed.
 */
export async function releaseOrderStock(scope: ShopScope, orderId: string): Promise<boolean> {
  const { tx, shopId } = scope;
  const states = await holdStates(scope, orderId);
  let changed = false;
  for (const l of await orderLines(scope, orderId)) {
    if (!l.product_id) continue;
    const item = { productId: l.product_id, variantId: l.variant_id };
    const s = states.get(l.line_no);
    if (s) {
      if (s.quantity === 0 && s.value === 0) continue;
      const fresh = await recordMovement(scope, {
        key: `release:${orderId}:${l.line_no}:${s.releases}`,
        item,
        kind: 'release',
        quantity: s.quantity,
        value: s.value,
        glValue: 0,
        orderId,
        lineNo: l.line_no,
      });
      if (!fresh) continue;
      await changeItem(scope, item, s.quantity, s.value);
      changed = true;
      continue;
    }
    const set = { stock: sql<number>`stock + ${l.quantity}` };
    const r = l.variant_id
      ? await tx
          .updateTable('product_variants')
          .set(set)
          .where('shop_id', '=', shopId)
          .where('id', '=', l.variant_id)
          .where('stock', 'is not', null)
          .where('stock_value', 'is', null)
          .executeTakeFirst()
      : await tx
          .updateTable('products')
          .set(set)
          .where('shop_id', '=', shopId)
          .where('id', '=', l.product_id)
          .where('stock', 'is not', null)
          .where('stock_value', 'is', null)
          .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) changed = true;
  }
  return changed;
}

/**
 * Fulfilment: the cost of each line leaves Persediaan for HPP — the value its reservation took at the
 * moving average, or (an item whose stock is not tracked) the unit cost recorded on the line.
 * Returns the total cost; the movements carry the Persediaan change (gl_value) for ledger:check.
 */
export async function saleCost(
  scope: ShopScope,
  orderId: string,
  entryKey: string,
): Promise<{ cost: number; movements: () => Promise<void>; lines: OrderLineRow[] }> {
  const lines = await orderLines(scope, orderId);
  for (const l of lines)
    if (l.product_id) await ensureValued(scope, { productId: l.product_id, variantId: l.variant_id }, { openOrderId: orderId });
  const held = await holdStates(scope, orderId);
  const parts = lines.map((l) => ({ l, cost: held.get(l.line_no)?.value ?? (l.unit_cost ?? 0) * l.quantity }));
  return {
    lines,
    cost: parts.reduce((s, p) => s + p.cost, 0),
    movements: async () => {
      for (const { l, cost } of parts) {
        if (!l.product_id || cost === 0) continue;
        await recordMovement(scope, {
          key: `${entryKey}:${l.line_no}`,
          item: { productId: l.product_id, variantId: l.variant_id },
          kind: 'sale',
          quantity: 0,
          value: 0,
          glValue: -cost,
          orderId,
          lineNo: l.line_no,
        });
      }
    },
  };
}
