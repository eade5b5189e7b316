import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { recordAudit } from '../auth/audit.ts';
import type { ImportFile } from './marketplace-file.ts';
import { applyImportOrder, emptyStats, knownOrders, type ApplyOutcome, type BadRow } from './marketplace-orders.ts';
import type { ImportOptionsInput } from './schemas.ts';
import { importChunks, importContext } from './import-context.ts';
import { bulkImportable, bulkImportOrders } from './bulk-import-orders.ts';
import { postImportPayouts } from './import-payouts.ts';

export interface ImportProgress {
  rowsRead: number;
  ordersDone: number;
}

export interface ImportResult {
  rows: number;
  badRowCount: number;
  badRows: BadRow[];
  duplicateRows: number;
  orders: Record<ApplyOutcome, number>;
  unmatched: { key: string; sku: string; name: string; variation: string; lines: number }[];
}

/**
 * Orders per transaction: short enough not to hold the SQLite writer long (about a quarter second of work
 * on a quiet machine), big enough to commit rarely: every commit waits for an fsync, which a busy disk makes slow.
 */
const BATCH = 500;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

/**
 * Imports a marketplace export: every good row's order is created or moved to its newer status through
 * the orders' one lifecycle (and so its ledger postings), bad rows are skipped and reported, orders with
 * an unmatched product wait for a mapping. Deduplicated on (shop, marketplace, external order id, line):
 * importing the same file again changes nothing. Streams the file and commits it in
 * chunks of BATCH orders, one shop transaction each, reporting progress after each.
 */
export async function commitMarketplaceImport(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: ImportOptionsInput;
  file: ImportFile;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
}): Promise<ImportResult> {
  requireCapability(opts.role, 'orders.manage');
  const ctx = await inShop(opts.shopId, (scope) => importContext(scope, opts.input));
  const stats = emptyStats();
  const orders: Record<ApplyOutcome, number> = { created: 0, updated: 0, unchanged: 0, unmatched: 0, conflict: 0 };
  let done = 0;
  const { marketplace } = opts.input;
  const userId = opts.userId;
  for await (const batch of importChunks(opts.file, ctx, stats, BATCH)) {
    for (let attempt = 0; ; attempt++) {
      try {
        const outcomes = await inShop(opts.shopId, async (scope) => {
          const known = await knownOrders(
            scope,
            opts.input.marketplace,
            batch.map((g) => g.externalOrderId),
          );
          // New orders in their final state in one step; status changes, returns and waiting orders one by one.
          const bulk = batch.filter((g) => !known.has(g.externalOrderId) && bulkImportable(g));
          const res: ApplyOutcome[] = Array<ApplyOutcome>(await bulkImportOrders(scope, { marketplace, groups: bulk, userId })).fill(
            'created',
          );
          const oneStep = new Set(bulk);
          const rest = batch.filter((g) => !oneStep.has(g));
          for (const group of rest)
            res.push(await applyImportOrder(scope, { marketplace, group, userId, known: known.get(group.externalOrderId) }));
          // A known order whose export now shows its payout changed too.
          const paid = await postImportPayouts(scope, { marketplace, groups: batch, userId });
          rest.forEach((g, i) => {
            if (res[bulk.length + i] === 'unchanged' && paid.has(g.externalOrderId)) res[bulk.length + i] = 'updated';
          });
          return res;
        });
        for (const o of outcomes) orders[o]++;
        break;
      } catch (err) {
        // Another import of the same orders committed first (PostgreSQL): this batch again sees them as known.
        if (!isUniqueViolation(err) || attempt >= 2) throw err;
      }
    }
    done += batch.length;
    await opts.onProgress?.({ rowsRead: stats.rows, ordersDone: done });
  }
  if (orders.created + orders.updated > 0)
    await recordAudit({
      shopId: opts.shopId,
      userId: opts.userId,
      action: 'orders.import',
      details: { marketplace: opts.input.marketplace, rows: stats.rows, created: orders.created, updated: orders.updated },
    });
  return {
    rows: stats.rows,
    badRowCount: stats.badCount,
    badRows: stats.badRows,
    duplicateRows: stats.duplicateRows,
    orders,
    unmatched: [...stats.unmatched.values()],
  };
}
