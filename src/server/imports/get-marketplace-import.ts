import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { NotFound } from '../errors.ts';
import { IMPORT_COLUMNS, importView, type ImportView } from './import-views.ts';
import { RUNNING_IMPORTS } from './start-marketplace-import.ts';

/** One import run of the shop: its preview, progress while it runs, and its result (another shop's id is a 404). */
export async function getMarketplaceImport(opts: { shopId: string; role: Role; importId: string }): Promise<ImportView> {
  requireCapability(opts.role, 'orders.manage');
  const row = await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .selectFrom('marketplace_imports')
      .select(IMPORT_COLUMNS)
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.importId)
      .executeTakeFirst(),
  );
  if (!row) throw new NotFound('imports.notFound');
  const view = importView(row);
  // A run this process does not hold was cut off by a restart; with several processes the holder keeps it fresh.
  const lapsed = Date.now() - Date.parse(row.updated_at) > 10 * 60 * 1000;
  if (view.status === 'running' && !RUNNING_IMPORTS.has(`${opts.shopId}:${row.id}`) && lapsed)
    return { ...view, status: 'failed', error: 'imports.interrupted' };
  return view;
}
