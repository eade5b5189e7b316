import { bumpShopVersion, type ShopScope } from '../tenant/index.ts';
import type { Marketplace } from '../db/schema.ts';
import { nowIso } from '../util.ts';
import { importedOrderColumns, importedTotal, marketplaceRows } from './imported-order-rows.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { takeStock } from '../orders/order-stock.ts';
import { insertOrderWithLines } from '../orders/insert-order-with-lines.ts';
import { transitionOrder, type OrderActor } from '../orders/transition-order.ts';
import { applyOrderReturn } from '../orders/record-order-return.ts';
import { Conflict } from '../errors.ts';
import { lineKey, readImportRows, type ColumnMapping, type ExternalStatus, type ImportFile, type ImportLine } from './marketplace-file.ts';

export interface CatalogItem {
  productId: string;
  variantId: string | null;
  name: string;
  variantName: string | null;
  sku: string | null;
  unitCost: number | null;
}

/** How a line names its product: by SKU when it has one, by name and variation otherwise. */
export function productKey(r: Pick<ImportLine, 'sku' | 'name' | 'variation'>): string {
  return r.sku ? `sku:${r.sku.toLowerCase()}` : `name:${r.name.toLowerCase()}|${r.variation.toLowerCase()}`;
}

/** The shop's catalog and saved product mappings, read once per import (a few thousand rows at most). */
export async function loadMatcher(scope: ShopScope, marketplace: Marketplace): Promise<(r: ImportLine) => CatalogItem | null> {
  const { tx, shopId } = scope;
  const products = await tx.selectFrom('products').select(['id', 'name', 'sku', 'unit_cost']).where('shop_id', '=', shopId).execute();
  const variants = await tx
    .selectFrom('product_variants')
    .select(['id', 'product_id', 'name', 'sku', 'unit_cost'])
    .where('shop_id', '=', shopId)
    .execute();
  const maps = await tx
    .selectFrom('marketplace_product_maps')
    .select(['external_key', 'product_id', 'variant_id'])
    .where('shop_id', '=', shopId)
    .where('marketplace', '=', marketplace)
    .execute();
  const byId = new Map<string, CatalogItem>();
  const bySku = new Map<string, CatalogItem>();
  const byName = new Map<string, CatalogItem>();
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const hasVariants = new Set(variants.map((v) => v.product_id));
  for (const p of products) {
    const item = {
      productId: p.id,
      variantId: null,
      name: p.name,
      variantName: null,
      sku: p.sku,
      unitCost: p.unit_cost === null ? null : Number(p.unit_cost),
    };
    byId.set(`${p.id}:`, item);
    if (p.sku) bySku.set(p.sku.toLowerCase(), item);
    if (!hasVariants.has(p.id)) byName.set(`${p.name.toLowerCase()}|`, item);
  }
  for (const v of variants) {
    const name = productName.get(v.product_id) ?? '';
    const item = {
      productId: v.product_id,
      variantId: v.id,
      name,
      variantName: v.name,
      sku: v.sku,
      unitCost: v.unit_cost === null ? null : Number(v.unit_cost),
    };
    byId.set(`${v.product_id}:${v.id}`, item);
    if (v.sku) bySku.set(v.sku.toLowerCase(), item);
    byName.set(`${name.toLowerCase()}|${v.name.toLowerCase()}`, item);
  }
  const mapped = new Map(maps.map((m) => [m.external_key, byId.get(`${m.product_id}:${m.variant_id ?? ''}`) ?? null]));
  return (r) =>
    mapped.get(productKey(r)) ??
    (r.sku ? bySku.get(r.sku.toLowerCase()) : undefined) ??
    byName.get(`${r.name.toLowerCase()}|${r.variation.toLowerCase()}`) ??
    null;
}

export interface ImportGroup {
  externalOrderId: string;
  status: ExternalStatus;
  fees: number;
  /** The order's payout as the export shows it (order level, from its first line that has one). */
  released: number | null;
  releasedDay: string | null;
  lines: { key: string; row: ImportLine; item: CatalogItem | null }[];
}

export interface BadRow {
  line: number;
  reason: string;
}

export interface ImportStats {
  rows: number;
  badCount: number;
  /** Up to MAX_BAD_ROWS, each with its line number in the file and an i18n key for the reason. */
  badRows: BadRow[];
  duplicateRows: number;
  orders: number;
  /** Bounded by the distinct products the file names, not by its rows. */
  unmatched: Map<string, { key: string; sku: string; name: string; variation: string; lines: number }>;
}

/** Bad rows kept for the answer; the count is always complete. */
export const MAX_BAD_ROWS = 500;

export function emptyStats(): ImportStats {
  return { rows: 0, badCount: 0, badRows: [], duplicateRows: 0, orders: 0, unmatched: new Map() };
}

function badRow(stats: ImportStats, line: number, reason: string) {
  stats.badCount++;
  if (stats.badRows.length < MAX_BAD_ROWS) stats.badRows.push({ line, reason });
}

/**
 * Streams the file once and hands its orders on in chunks of about `chunk` orders, so neither the file nor
 * all its lines are ever held: an import of 50,000 rows needs the memory of one chunk. Exports list an
 * order's lines together, so a chunk is cut only between two orders; a line of an order already handed on
 * is reported as a bad row rather than silently dropped. A repeated line of an order is a duplicate; an
 * order's fees come from its first line (exports repeat the order-level fee on every line), its status
 * from its last. Only the ids of orders handed on are kept, to recognise such stray lines.
 */
export async function* groupImportRows(
  file: ImportFile,
  mapping: ColumnMapping | null,
  match: (r: ImportLine) => CatalogItem | null,
  stats: ImportStats,
  chunk: number,
): AsyncGenerator<ImportGroup[]> {
  let groups = new Map<string, ImportGroup>();
  const done = new Set<string>();
  let last = '';
  for await (const r of readImportRows(file, mapping)) {
    stats.rows++;
    if ('error' in r) {
      badRow(stats, r.line, r.error);
      continue;
    }
    const row = r.row;
    if (row.orderId !== last && groups.size >= chunk) {
      for (const id of groups.keys()) done.add(id);
      yield [...groups.values()];
      groups = new Map();
    }
    last = row.orderId;
    if (done.has(row.orderId)) {
      badRow(stats, r.line, 'imports.rowOrderApart');
      continue;
    }
    let g = groups.get(row.orderId);
    if (!g) {
      g = { externalOrderId: row.orderId, status: row.status, fees: row.fees, released: null, releasedDay: null, lines: [] };
      groups.set(row.orderId, g);
      stats.orders++;
    }
    g.status = row.status;
    if (g.released === null && row.released !== null) {
      g.released = row.released;
      g.releasedDay = row.releasedDay;
    }
    const key = lineKey(row);
    if (g.lines.some((l) => l.key === key)) {
      stats.duplicateRows++;
      continue;
    }
    const item = match(row);
    g.lines.push({ key, row, item });
    if (!item) {
      const pk = productKey(row);
      const u = stats.unmatched.get(pk) ?? { key: pk, sku: row.sku, name: row.name, variation: row.variation, lines: 0 };
      u.lines++;
      stats.unmatched.set(pk, u);
    }
  }
  if (groups.size) yield [...groups.values()];
}

/** The import state of these external orders, read in one query per 500 (a chunk's worth). */
export async function knownOrders(
  scope: ShopScope,
  marketplace: Marketplace,
  ids: string[],
): Promise<Map<string, { orderId: string; status: ExternalStatus; fees: number }>> {
  const out = new Map<string, { orderId: string; status: ExternalStatus; fees: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await scope.tx
      .selectFrom('marketplace_orders')
      .select(['external_order_id', 'order_id', 'external_status', 'fees'])
      .where('shop_id', '=', scope.shopId)
      .where('marketplace', '=', marketplace)
      .where('external_order_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.external_order_id, { orderId: r.order_id, status: r.external_status as ExternalStatus, fees: Number(r.fees) });
  }
  return out;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'unmatched' | 'conflict';

const RANK: Record<ExternalStatus, number> = { open: 0, completed: 1, cancelled: 1, returned: 2 };

/**
 * One external order into the shop's books, in the caller's transaction. New: an order of channel
 * `marketplace` (payment 'credit': delivered before the marketplace pays out) with its lines, stock taken,
 * confirmed, then moved to the export's status. Known: only a status the order has not reached yet is
 * applied (completed → fulfilled, cancelled, returned), through transitionOrder and so its postings; an
 * older export read later changes nothing. An order with an unmatched line waits until it is mapped.
 */
export async function applyImportOrder(
  scope: ShopScope,
  opts: {
    marketplace: Marketplace;
    group: ImportGroup;
    userId: string;
    /** What knownOrders() read for this order, for the whole chunk at once. */
    known: { orderId: string; status: ExternalStatus; fees: number } | undefined;
  },
): Promise<ApplyOutcome> {
  const { tx, shopId } = scope;
  const { group: g, marketplace } = opts;
  const actor: OrderActor = { kind: 'user', userId: opts.userId };
  const known = opts.known;
  if (known) {
    const from = known.status;
    // An older export read after a newer one (completed after returned, open after anything) moves nothing back.
    if (from === g.status || RANK[g.status] < RANK[from]) return 'unchanged';
    const ok = await reach(scope, { orderId: known.orderId, status: g.status, fees: known.fees, actor });
    if (!ok) return 'conflict';
    await tx
      .updateTable('marketplace_orders')
      .set({ external_status: g.status, updated_at: nowIso() })
      .where('shop_id', '=', shopId)
      .where('marketplace', '=', marketplace)
      .where('external_order_id', '=', g.externalOrderId)
      .execute();
    return 'updated';
  }
  if (g.lines.some((l) => !l.item)) return 'unmatched';
  const orderId = await insertOrder(scope, opts);
  await transitionOrder(scope, { orderId, to: 'confirmed', actor, details: { marketplace } });
  await reach(scope, { orderId, status: g.status, fees: g.fees, actor });
  return 'created';
}

async function insertOrder(scope: ShopScope, opts: { marketplace: Marketplace; group: ImportGroup; userId: string }): Promise<string> {
  const { tx, shopId } = scope;
  const { group: g, marketplace } = opts;
  const lines = g.lines.map((l, i) => ({ ...l, item: l.item!, lineNo: i + 1 }));
  // The sale already happened on the marketplace: stock may go below zero, the shop then sees it oversold.
  const taken = await takeStock(
    scope,
    lines.map((l) => ({
      productId: l.item.productId,
      variantId: l.item.variantId,
      quantity: l.row.quantity,
      name: l.item.name,
      variantName: l.item.variantName,
    })),
    { guard: false },
  );
  const shop = await tx.selectFrom('shops').select(['slug', 'locale']).where('id', '=', shopId).executeTakeFirstOrThrow();
  const now = nowIso();
  const { orderId } = await insertOrderWithLines(scope, {
    slug: shop.slug,
    order: importedOrderColumns(g, { marketplace, shopLocale: shop.locale, total: importedTotal(g) }),
    lines: lines.map((l) => ({
      productId: l.item.productId,
      variantId: l.item.variantId,
      name: l.item.name,
      variantName: l.item.variantName,
      sku: l.item.sku,
      unitPrice: l.row.unitPrice,
      unitCost: l.item.unitCost,
      quantity: l.row.quantity,
      lineTotal: l.row.lineTotal,
    })),
    stockTaken: taken.tracked,
    placed: {
      actorKind: 'user',
      actorUserId: opts.userId,
      details: { channel: 'marketplace', marketplace, externalOrderId: g.externalOrderId, imported: true },
    },
    now,
  });
  const rows = marketplaceRows(shopId, { marketplace, group: g, orderId, now });
  await tx.insertInto('marketplace_orders').values(rows.order).execute();
  await tx.insertInto('marketplace_order_lines').values(rows.lines).execute();
  // Stock changes what public pages show.
  if (taken.tracked) await bumpShopVersion(scope);
  return orderId;
}

/** Moves an imported order to the export's status; false when the lifecycle cannot (cancelled after delivery). */
async function reach(
  scope: ShopScope,
  opts: { orderId: string; status: ExternalStatus; fees: number; actor: OrderActor },
): Promise<boolean> {
  const { tx, shopId } = scope;
  const { orderId, status, actor } = opts;
  const o = await tx
    .selectFrom('orders')
    .select(['status', 'code'])
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (status === 'open') return true;
  if (status === 'cancelled') {
    if (o.status === 'fulfilled') return false;
    await transitionOrder(scope, { orderId, to: 'cancelled', actor, details: { imported: true } });
    return true;
  }
  if (o.status === 'cancelled') return false;
  if (o.status !== 'fulfilled') await transitionOrder(scope, { orderId, to: 'fulfilled', actor, details: { imported: true } });
  // The marketplace keeps its fees out of the payout: an expense against what it owes, once per order.
  if (opts.fees > 0)
    await postEntry(scope, {
      key: `marketplace:${orderId}:fees`,
      source: { type: 'order', id: orderId },
      memo: `${o.code} biaya marketplace`,
      createdBy: actor.userId,
      lines: [
        { account: ACCOUNTS.marketplaceFees, amount: opts.fees },
        { account: ACCOUNTS.marketplaceReceivable, amount: -opts.fees },
      ],
    });
  if (status === 'returned') {
    // Returned through the marketplace after delivery: the merchants' own return (Retur Penjualan off what the
    // marketplace owes, the goods back in stock at the cost their sale posted), keyed once per order. What the
    // merchant already took back by hand is not returned again.
    try {
      await applyOrderReturn(scope, {
        order: { id: orderId },
        userId: actor.userId!,
        input: { reason: 'retur marketplace', restock: true, idempotencyKey: 'marketplace-import' },
        seeCost: false,
      });
    } catch (err) {
      if (!(err instanceof Conflict && err.messageKey === 'sales.nothingToReturn')) throw err;
    }
  }
  return true;
}
