import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import type { ImportFile } from './marketplace-file.ts';
import { emptyStats, knownOrders, type BadRow } from './marketplace-orders.ts';
import type { ImportOptionsInput } from './schemas.ts';
import { importChunks, importContext } from './import-context.ts';

export interface ImportPreview {
  rows: number;
  badRowCount: number;
  /** Up to MAX_BAD_ROWS, each with its line number in the file and an i18n key for the reason. */
  badRows: BadRow[];
  duplicateRows: number;
  orders: { total: number; new: number; known: number; statusChanges: number; waitingForMapping: number };
  /** What this file would add (new orders only): their lines, whole Rupiah gross, the marketplace's fees (once per order) and net. */
  totals: { orders: number; lines: number; gross: number; fees: number; net: number };
  unmatched: { key: string; sku: string; name: string; variation: string; lines: number }[];
}

const RANK = { open: 0, completed: 1, cancelled: 1, returned: 2 } as const;

/**
 * What committing a marketplace export would do, writing nothing: rows read, bad rows with their line and
 * reason, duplicates, new and already imported orders (and which of those would change status), totals,
 * and the product names/SKUs not matched to the catalog, for the merchant to map once. Streams the file
 * in chunks like the commit, so a preview of 50,000 rows holds one chunk.
 */
export async function previewMarketplaceImport(opts: {
  shopId: string;
  role: Role;
  input: ImportOptionsInput;
  file: ImportFile;
}): Promise<ImportPreview> {
  requireCapability(opts.role, 'orders.manage');
  const ctx = await inShop(opts.shopId, (scope) => importContext(scope, opts.input));
  const stats = emptyStats();
  const orders = { total: 0, new: 0, known: 0, statusChanges: 0, waitingForMapping: 0 };
  const totals = { orders: 0, lines: 0, gross: 0, fees: 0, net: 0 };
  for await (const groups of importChunks(opts.file, ctx, stats, 500)) {
    const known = await inShop(opts.shopId, (scope) =>
      knownOrders(
        scope,
        opts.input.marketplace,
        groups.map((g) => g.externalOrderId),
      ),
    );
    for (const g of groups) {
      orders.total++;
      const was = known.get(g.externalOrderId)?.status;
      if (was) {
        orders.known++;
        if (g.status !== was && RANK[g.status] >= RANK[was]) orders.statusChanges++;
      } else if (g.lines.some((l) => !l.item)) {
        orders.waitingForMapping++;
      } else {
        orders.new++;
        totals.orders++;
        totals.lines += g.lines.length;
        totals.gross += g.lines.reduce((s, l) => s + l.row.lineTotal, 0);
        totals.fees += g.fees;
      }
    }
  }
  return {
    rows: stats.rows,
    badRowCount: stats.badCount,
    badRows: stats.badRows,
    duplicateRows: stats.duplicateRows,
    orders,
    totals: { ...totals, net: totals.gross - totals.fees },
    unmatched: [...stats.unmatched.values()],
  };
}
