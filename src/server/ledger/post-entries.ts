import type { ShopScope } from '../tenant/index.ts';
import type { StockMovementKind } from '../db/schema.ts';
import { newSequentialId, nowIso } from '../util.ts';
import { ensureChart } from './ensure-chart.ts';
import { shopDay } from './ledger-day.ts';
import { UnbalancedEntry, type PostingLine } from './post-entry.ts';
import { addSales, type SalesRow } from './sales-totals.ts';

/** Rows per multi-row insert: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS = 500;

async function inChunks<T>(rows: readonly T[], write: (part: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS) await write(rows.slice(i, i + ROWS));
}

export interface BulkEntry {
  key: string;
  source: { type: string; id: string };
  lines: PostingLine[];
  memo: string;
  createdBy: string | null;
}

/**
 * Many undated (today's) entries at once, each exactly as postEntry would write it (same key, postings
 * numbered the same, zero lines dropped), in the caller's transaction: a few multi-row statements for a
 * whole batch instead of four per entry, and the maintained totals summed per account before their one
 * upsert. A key posted before is skipped (the unique key decides, as in postEntry). Returns the keys posted
 * with their entry ids, and the day.
 */
export async function postEntries(scope: ShopScope, entries: readonly BulkEntry[]): Promise<{ posted: Map<string, string>; day: string }> {
  const { tx, shopId } = scope;
  const day = await shopDay(scope);
  const posted = new Map<string, string>();
  if (!entries.length) return { posted, day };
  for (const e of entries) {
    let sum = 0;
    for (const l of e.lines) {
      if (!Number.isSafeInteger(l.amount)) throw new UnbalancedEntry(`not whole Rupiah: ${l.amount}`);
      sum += l.amount;
    }
    if (sum !== 0) throw new UnbalancedEntry(`entry ${e.key} does not balance (${sum})`);
  }
  await ensureChart(scope);
  const now = nowIso();
  await inChunks(entries, async (part) => {
    const rows = await tx
      .insertInto('journal_entries')
      .values(
        part.map((e) => ({
          shop_id: shopId,
          id: newSequentialId(),
          idem_key: e.key,
          day,
          source_type: e.source.type,
          source_id: e.source.id,
          memo: e.memo,
          reverses_id: null,
          belongs_to: null,
          created_by: e.createdBy,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['shop_id', 'idem_key']).doNothing())
      .returning(['id', 'idem_key'])
      .execute();
    for (const r of rows) posted.set(r.idem_key, r.id);
  });
  const postings: { shop_id: string; entry_id: string; line_no: number; account_code: string; amount: number; day: string }[] = [];
  const byAccount = new Map<string, { debit: number; credit: number }>();
  for (const e of entries) {
    const entryId = posted.get(e.key);
    if (!entryId) continue;
    e.lines
      .filter((l) => l.amount !== 0)
      .forEach((l, i) => {
        postings.push({ shop_id: shopId, entry_id: entryId, line_no: i + 1, account_code: l.account, amount: l.amount, day });
        const t = byAccount.get(l.account) ?? { debit: 0, credit: 0 };
        if (l.amount > 0) t.debit += l.amount;
        else t.credit -= l.amount;
        byAccount.set(l.account, t);
      });
  }
  await inChunks(postings, async (part) => {
    await tx.insertInto('journal_postings').values(part).execute();
  });
  const totals = [...byAccount].flatMap(([code, t]) =>
    (
      [
        ['a', 'all'],
        ['m', day.slice(0, 7)],
        ['d', day],
      ] as const
    ).map(([grain, period]) => ({ shop_id: shopId, account_code: code, grain, period, debit: t.debit, credit: t.credit })),
  );
  if (totals.length)
    await tx
      .insertInto('ledger_totals')
      .values(totals)
      .onConflict((oc) =>
        oc.columns(['shop_id', 'grain', 'period', 'account_code']).doUpdateSet((eb) => ({
          debit: eb('ledger_totals.debit', '+', eb.ref('excluded.debit')),
          credit: eb('ledger_totals.credit', '+', eb.ref('excluded.credit')),
        })),
      )
      .execute();
  return { posted, day };
}

export interface BulkMovement {
  key: string;
  productId: string;
  variantId: string | null;
  kind: StockMovementKind;
  quantity: number;
  value: number;
  glValue: number;
  orderId: string;
  lineNo: number;
}

/** Stock movements as recordMovement writes them, many per statement; a key recorded before is skipped. */
export async function recordMovements(scope: ShopScope, movements: readonly BulkMovement[]): Promise<void> {
  const now = nowIso();
  await inChunks(movements, async (part) => {
    await scope.tx
      .insertInto('stock_movements')
      .values(
        part.map((m) => ({
          shop_id: scope.shopId,
          id: newSequentialId(),
          idem_key: m.key,
          product_id: m.productId,
          variant_id: m.variantId ?? '',
          kind: m.kind,
          quantity: m.quantity,
          value: m.value,
          gl_value: m.glValue,
          order_id: m.orderId,
          line_no: m.lineNo,
          entry_id: null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['shop_id', 'idem_key']).doNothing())
      .execute();
  });
}

/** The day's and month's sales totals of many delivered orders at once (recordOrderSales, summed first). */
export async function recordSalesBulk(
  scope: ShopScope,
  day: string,
  orders: readonly {
    channel: string;
    subtotal: number;
    lines: readonly { product_id: string | null; quantity: number; line_total: number }[];
  }[],
): Promise<void> {
  const rows = new Map<string, SalesRow>();
  const add = (channel: string, productId: string, quantity: number, gross: number) => {
    const k = `${channel}\u0000${productId}`;
    const r = rows.get(k) ?? { channel, productId, quantity: 0, gross: 0, returns: 0, orders: 0 };
    r.quantity += quantity;
    r.gross += gross;
    rows.set(k, r);
    return r;
  };
  for (const o of orders) {
    add(o.channel, '', 0, o.subtotal).orders++;
    const seen = new Set<string>();
    for (const l of o.lines) {
      if (!l.product_id) continue;
      const r = add(o.channel, l.product_id, l.quantity, l.line_total);
      if (!seen.has(l.product_id)) r.orders++;
      seen.add(l.product_id);
    }
  }
  await addSales(scope, day, [...rows.values()]);
}
