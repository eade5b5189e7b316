import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import type { ImportFile } from './marketplace-file.ts';
import type { BadRow } from './marketplace-orders.ts';
import type { ImportOptionsInput } from './schemas.ts';
import { collectOrRefuse, importContext } from './import-context.ts';

export interface ImportPreview {
  rows: number;
  badRowCount: number;
  /** Up to MAX_BAD_ROWS, each with its line number in the file and an i18n key for the reason. */
  badRows: BadRow[];
  duplicateRows: number;
  orders: { total: number; new: number; known: number; statusChanges: number; waitingForMapping: number };
  /** Whole Rupiah of the orders this file would add: goods and the marketplace's fees (once per order). */
  totals: { goods: number; fees: number };
  unmatched: { key: string; sku: string; name: string; variation: string; lines: number }[];
}

const RANK = { open: 0, completed: 1, cancelled: 1, returned: 2 } as const;

/**
 * What committing a marketplace export would do, writing nothing: rows read, bad rows with their line and
 * reason, duplicates, new and already imported orders (and which of those would change status), totals,
 * and the product names/SKUs not matched to the catalog, for the merchant to map once.
 */
export async function previewMarketplaceImport(opts: {
  shopId: string;
  role: Role;
  input: ImportOptionsInput;
  file: ImportFile;
}): Promise<ImportPreview> {
  requireCapability(opts.role, 'orders.manage');
  const ctx = await inShop(opts.shopId, (scope) => importContext(scope, opts.input));
  const c = await collectOrRefuse(opts.file, ctx);
  const known = new Map<string, string>();
  const ids = [...c.groups.keys()];
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx
        .selectFrom('marketplace_orders')
        .select(['external_order_id', 'external_status'])
        .where('shop_id', '=', shopId)
        .where('marketplace', '=', opts.input.marketplace)
        .where('external_order_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) known.set(r.external_order_id, r.external_status);
    }
  });
  const out: ImportPreview = {
    rows: c.rows,
    badRowCount: c.badCount,
    badRows: c.badRows,
    duplicateRows: c.duplicateRows,
    orders: { total: c.groups.size, new: 0, known: 0, statusChanges: 0, waitingForMapping: 0 },
    totals: { goods: 0, fees: 0 },
    unmatched: [...c.unmatched.values()],
  };
  for (const g of c.groups.values()) {
    const was = known.get(g.externalOrderId) as keyof typeof RANK | undefined;
    if (was) {
      out.orders.known++;
      if (g.status !== was && RANK[g.status] >= RANK[was]) out.orders.statusChanges++;
    } else if (g.lines.some((l) => !l.item)) {
      out.orders.waitingForMapping++;
    } else {
      out.orders.new++;
      out.totals.goods += g.lines.reduce((s, l) => s + l.row.lineTotal, 0);
      out.totals.fees += g.fees;
    }
  }
  return out;
}
