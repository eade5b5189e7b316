import { CompiledQuery, sql, type Insertable } from 'kysely';
import { dialect } from '../db/index.ts';
import { currentMs } from '../clock.ts';
import { bumpShopVersion, type ShopScope } from '../tenant/index.ts';
import type { Marketplace, MarketplaceOrderLinesTable, MarketplaceOrdersTable, OrderStatus } from '../db/schema.ts';
import { newId } from '../util.ts';
import { importedOrderColumns, importedTotal, marketplaceRows } from './imported-order-rows.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { averageCost, ensureValued, type ItemRef } from '../ledger/inventory.ts';
import { postEntries, recordMovements, recordSalesBulk, type BulkEntry, type BulkMovement } from '../ledger/post-entries.ts';
import { revenueLines } from '../ledger/post-order-transition.ts';
import { newOrderCode } from '../orders/order-code.ts';
import type { ImportGroup } from './marketplace-orders.ts';

/** What the bulk path writes in one step: a new order already open, completed or cancelled on the marketplace. */
export function bulkImportable(g: ImportGroup): boolean {
  return g.status !== 'returned' && g.lines.every((l) => l.item);
}

const itemKey = (i: ItemRef) => (i.variantId ? `v:${i.variantId}` : `p:${i.productId}`);

interface ItemState {
  item: ItemRef;
  stock: number | null;
  value: number | null;
  dq: number;
  dv: number;
}

/**
 * New imported orders of one chunk in their final state at once, in the caller's transaction: the rows,
 * stock movements and journal entries the step path (insert, confirm, fulfil or cancel, fees; see
 * applyImportOrder) writes for each order, computed in memory and written with a few multi-row statements
 * per table. Stock is taken at the moving average line by line in file order, as the step path would; a
 * cancelled order's hold and release cancel out, so it moves nothing. The step path and this one must post
 * the same accounts and amounts (tests/integration/marketplace-import-bulk.test.ts compares their books).
 */
export async function bulkImportOrders(
  scope: ShopScope,
  opts: { marketplace: Marketplace; groups: readonly ImportGroup[]; userId: string },
): Promise<number> {
  const { tx, shopId } = scope;
  const { marketplace, userId } = opts;
  const groups = opts.groups;
  if (!groups.length) return 0;
  const shop = await tx.selectFrom('shops').select(['slug', 'locale']).where('id', '=', shopId).executeTakeFirstOrThrow();
  const codes = await freeOrderCodes(scope, shop.slug, groups.length);
  const items = await readItems(
    scope,
    groups.flatMap((g) => g.lines.map((l) => ({ productId: l.item!.productId, variantId: l.item!.variantId }))),
  );

  const base = currentMs();
  const at = (ms: number) => new Date(base + ms).toISOString();
  const now = at(0);
  const orders: Record<string, unknown>[] = [];
  const orderLines: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const mpOrders: Insertable<MarketplaceOrdersTable>[] = [];
  const mpLines: Insertable<MarketplaceOrderLinesTable>[] = [];
  const movements: BulkMovement[] = [];
  const entries: BulkEntry[] = [];
  const sold: { channel: string; subtotal: number; lines: { product_id: string; quantity: number; line_total: number }[] }[] = [];
  const actor = { actor_kind: 'user' as const, actor_user_id: userId };

  groups.forEach((g, n) => {
    const orderId = newId();
    const code = codes[n]!;
    const status: OrderStatus = g.status === 'completed' ? 'fulfilled' : g.status === 'cancelled' ? 'cancelled' : 'confirmed';
    const holds = status !== 'cancelled';
    let cost = 0;
    const lines = g.lines.map((l, i) => {
      const item = l.item!;
      const lineNo = i + 1;
      const q = l.row.quantity;
      const s = items.get(itemKey(item));
      let lineCost = (item.unitCost ?? 0) * q;
      if (s && s.stock !== null) {
        if (holds && s.value !== null) {
          lineCost = averageCost(s.stock, s.value, q);
          s.stock -= q;
          s.value -= lineCost;
          s.dq -= q;
          s.dv -= lineCost;
          movements.push({
            key: `reserve:${orderId}:${lineNo}:0`,
            ...ref(item),
            kind: 'reserve',
            quantity: -q,
            value: -lineCost,
            glValue: 0,
            orderId,
            lineNo,
          });
        } else if (holds) {
          s.stock -= q;
          s.dq -= q;
        }
      }
      if (status === 'fulfilled') {
        cost += lineCost;
        if (lineCost !== 0)
          movements.push({
            key: `order:${orderId}:fulfilled:${lineNo}`,
            ...ref(item),
            kind: 'sale',
            quantity: 0,
            value: 0,
            glValue: -lineCost,
            orderId,
            lineNo,
          });
      }
      return { l, item, lineNo };
    });
    const total = importedTotal(g);
    orders.push({
      shop_id: shopId,
      id: orderId,
      code,
      status,
      // The step path's confirm sets it for every open order, stock tracked or not.
      stock_held: holds ? 1 : 0,
      receipt_media_id: null,
      ...importedOrderColumns(g, { marketplace, shopLocale: shop.locale, total }),
      created_at: now,
      updated_at: now,
    });
    for (const { l, item, lineNo } of lines)
      orderLines.push({
        shop_id: shopId,
        order_id: orderId,
        line_no: lineNo,
        product_id: item.productId,
        variant_id: item.variantId,
        name: item.name,
        variant_name: item.variantName,
        sku: item.sku,
        unit_price: l.row.unitPrice,
        unit_cost: item.unitCost,
        quantity: l.row.quantity,
        line_total: l.row.lineTotal,
        list_price: null,
        price_set_by: null,
      });
    const event = (type: string, from: OrderStatus | null, to: OrderStatus, ms: number, details: Record<string, unknown>) =>
      events.push({
        shop_id: shopId,
        id: newId(),
        order_id: orderId,
        type,
        from_status: from,
        to_status: to,
        ...actor,
        details: JSON.stringify(details),
        created_at: at(ms),
      });
    event('placed', null, 'pending', 0, { channel: 'marketplace', marketplace, externalOrderId: g.externalOrderId, imported: true });
    event('confirmed', 'pending', 'confirmed', 1, { marketplace });
    if (status !== 'confirmed') event(status, 'confirmed', status, 2, { imported: true });
    const mp = marketplaceRows(shopId, { marketplace, group: g, orderId, now });
    mpOrders.push(mp.order);
    mpLines.push(...mp.lines);
    if (status !== 'fulfilled') return;
    const source = { type: 'order', id: orderId };
    // As postOrderTransition posts a delivered marketplace order (no deposit: it is all receivable) and reach() its fees.
    entries.push({
      key: `order:${orderId}:fulfilled`,
      source,
      memo: `${code} diserahkan`,
      createdBy: userId,
      lines: [
        { account: ACCOUNTS.customerDeposits, amount: 0 },
        { account: ACCOUNTS.marketplaceReceivable, amount: total },
        ...revenueLines({ subtotal: total, delivery_fee: 0, discount: 0 }),
        { account: ACCOUNTS.cogs, amount: cost },
        { account: ACCOUNTS.inventory, amount: -cost },
      ],
    });
    if (g.fees > 0)
      entries.push({
        key: `marketplace:${orderId}:fees`,
        source,
        memo: `${code} biaya marketplace`,
        createdBy: userId,
        lines: [
          { account: ACCOUNTS.marketplaceFees, amount: g.fees },
          { account: ACCOUNTS.marketplaceReceivable, amount: -g.fees },
        ],
      });
    sold.push({
      channel: 'marketplace',
      subtotal: total,
      lines: lines.map(({ l, item }) => ({ product_id: item.productId, quantity: l.row.quantity, line_total: l.row.lineTotal })),
    });
  });

  await insertRows(scope, 'orders', orders);
  await insertRows(scope, 'order_lines', orderLines);
  await insertRows(scope, 'order_events', events);
  await insertRows(scope, 'marketplace_orders', mpOrders);
  await insertRows(scope, 'marketplace_order_lines', mpLines);
  await recordMovements(scope, movements);
  const { day } = await postEntries(scope, entries);
  await recordSalesBulk(scope, day, sold);
  let stockChanged = false;
  for (const s of items.values()) {
    if (s.dq === 0 && s.dv === 0) continue;
    stockChanged = true;
    // Deltas, like takeStock and changeItem: a sale committed meanwhile by another request is not overwritten.
    const set = { stock: sql<number>`stock + ${s.dq}`, stock_value: sql<number>`stock_value + ${s.dv}` };
    const noValue = { stock: sql<number>`stock + ${s.dq}` };
    if (s.item.variantId)
      await tx
        .updateTable('product_variants')
        .set(s.value === null ? noValue : set)
        .where('shop_id', '=', shopId)
        .where('id', '=', s.item.variantId)
        .execute();
    else
      await tx
        .updateTable('products')
        .set(s.value === null ? noValue : set)
        .where('shop_id', '=', shopId)
        .where('id', '=', s.item.productId)
        .execute();
  }
  // Stock changes what public pages show.
  if (stockChanged) await bumpShopVersion(scope);
  return groups.length;
}

function ref(item: ItemRef): { productId: string; variantId: string | null } {
  return { productId: item.productId, variantId: item.variantId };
}

type BulkTable = 'orders' | 'order_lines' | 'order_events' | 'marketplace_orders' | 'marketplace_order_lines';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMS = 30_000;
const statements = new Map<string, string>();

/**
 * Many rows of one table per statement. The rows are built above with exactly the table's columns, all with
 * the same keys, so the SQL text depends only on the table, the columns and the row count: it is made once
 * and reused, and the values are bound as they are (Kysely's per-value insert building was a fifth of the
 * import's CPU, node --cpu-prof).
 */
async function insertRows(scope: ShopScope, table: BulkTable, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const per = Math.max(1, Math.floor(PARAMS / columns.length));
  const pg = dialect() === 'postgres';
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per) as Record<string, unknown>[];
    const key = `${pg ? 'pg' : 'sqlite'}:${table}:${columns.join(',')}:${part.length}`;
    let text = statements.get(key);
    if (!text) {
      let n = 0;
      const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${part.map(tuple).join(', ')}`;
      // Only full statements are kept: a chunk's remainder has any length, and the cache must not grow with them.
      if (part.length === per) statements.set(key, text);
    }
    const params: unknown[] = [];
    for (const r of part) for (const c of columns) params.push(r[c]);
    await scope.tx.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** `n` codes no order of the shop has, checked in one query per round (a clash is redrawn). */
async function freeOrderCodes(scope: ShopScope, slug: string, n: number): Promise<string[]> {
  const codes = Array.from({ length: n }, () => newOrderCode(slug));
  for (let round = 0; round < 10; round++) {
    const seen = new Set<string>();
    const clash = new Set<number>();
    codes.forEach((c, i) => (seen.has(c) ? clash.add(i) : seen.add(c)));
    for (let i = 0; i < codes.length; i += 500) {
      const part = codes.slice(i, i + 500);
      const taken = await scope.tx
        .selectFrom('orders')
        .select('code')
        .where('shop_id', '=', scope.shopId)
        .where('code', 'in', part)
        .execute();
      const t = new Set(taken.map((r) => r.code));
      part.forEach((c, j) => t.has(c) && clash.add(i + j));
    }
    if (!clash.size) break;
    for (const i of clash) codes[i] = newOrderCode(slug);
  }
  return codes;
}

/**
 * The stock and value of every item the chunk names, read once; an item the ledger has not taken in yet
 * gets its opening balance first (ensureValued), as the step path's first touch would give it.
 */
async function readItems(scope: ShopScope, refs: ItemRef[]): Promise<Map<string, ItemState>> {
  const { tx, shopId } = scope;
  const out = new Map<string, ItemState>();
  const productIds = [...new Set(refs.filter((r) => !r.variantId).map((r) => r.productId))];
  const variantIds = [...new Set(refs.filter((r) => r.variantId).map((r) => r.variantId!))];
  const put = (item: ItemRef, stock: number | null, value: number | null) =>
    out.set(itemKey(item), {
      item,
      stock: stock === null ? null : Number(stock),
      value: value === null ? null : Number(value),
      dq: 0,
      dv: 0,
    });
  for (let i = 0; i < productIds.length; i += 500) {
    const rows = await tx
      .selectFrom('products')
      .select(['id', 'stock', 'stock_value'])
      .where('shop_id', '=', shopId)
      .where('id', 'in', productIds.slice(i, i + 500))
      .execute();
    for (const r of rows) put({ productId: r.id, variantId: null }, r.stock, r.stock_value);
  }
  for (let i = 0; i < variantIds.length; i += 500) {
    const rows = await tx
      .selectFrom('product_variants')
      .select(['id', 'product_id', 'stock', 'stock_value'])
      .where('shop_id', '=', shopId)
      .where('id', 'in', variantIds.slice(i, i + 500))
      .execute();
    for (const r of rows) put({ productId: r.product_id, variantId: r.id }, r.stock, r.stock_value);
  }
  for (const s of out.values()) {
    if (s.stock === null || s.value !== null) continue;
    const row = await ensureValued(scope, s.item);
    s.stock = row?.stock ?? null;
    s.value = row?.stock_value ?? null;
  }
  return out;
}
