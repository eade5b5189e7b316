import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { AppError, Conflict, NotFound } from '../errors.ts';
import { nowIso } from '../util.ts';
import { commitMarketplaceImport } from './commit-marketplace-import.ts';
import { importFilePath, removeImportFile, storedImportFile } from './import-files.ts';
import { IMPORT_COLUMNS, importView, type ImportView } from './import-views.ts';

/** Runs of this process still going; a run marked running that is not here was cut off by a restart. */
export const RUNNING_IMPORTS = new Map<string, Promise<void>>();

/**
 * Commits a previewed upload in the background of the server process (a 50,000-row file takes longer
 * than a request should): marks it running once (a second start is a 409), then streams it through
 * commitMarketplaceImport, recording progress after each chunk and the result at the end; the stored
 * file is removed either way. The caller polls getMarketplaceImport.
 */
export async function startMarketplaceImport(opts: { shopId: string; role: Role; userId: string; importId: string }): Promise<ImportView> {
  requireCapability(opts.role, 'orders.manage');
  const row = await inShop(opts.shopId, async ({ tx, shopId }) => {
    const r = await tx
      .selectFrom('marketplace_imports')
      .select([...IMPORT_COLUMNS, 'format', 'mapping_name'])
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.importId)
      .executeTakeFirst();
    if (!r) throw new NotFound('imports.notFound');
    if (r.status !== 'previewed') throw new Conflict('imports.alreadyStarted');
    const now = nowIso();
    const res = await tx
      .updateTable('marketplace_imports')
      .set({ status: 'running', updated_at: now })
      .where('shop_id', '=', shopId)
      .where('id', '=', r.id)
      .where('status', '=', 'previewed')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new Conflict('imports.alreadyStarted');
    return { ...r, status: 'running' as const, updated_at: now };
  });
  const key = `${opts.shopId}:${row.id}`;
  const run = runImport({ ...opts, format: row.format, mappingName: row.mapping_name, marketplace: row.marketplace }).finally(() =>
    RUNNING_IMPORTS.delete(key),
  );
  RUNNING_IMPORTS.set(key, run);
  return importView(row);
}

async function runImport(opts: {
  shopId: string;
  role: Role;
  userId: string;
  importId: string;
  format: 'csv' | 'xlsx';
  mappingName: string | null;
  marketplace: ImportView['marketplace'];
}): Promise<void> {
  const file = importFilePath(opts.shopId, opts.importId);
  const record = (set: { status?: 'done' | 'failed'; rows_read?: number; orders_done?: number; result?: string; error?: string }) =>
    inShop(opts.shopId, async ({ tx, shopId }) => {
      await tx
        .updateTable('marketplace_imports')
        .set({ ...set, updated_at: nowIso() })
        .where('shop_id', '=', shopId)
        .where('id', '=', opts.importId)
        .execute();
    });
  try {
    const result = await commitMarketplaceImport({
      shopId: opts.shopId,
      role: opts.role,
      userId: opts.userId,
      input: { marketplace: opts.marketplace, format: opts.format, mappingName: opts.mappingName },
      file: storedImportFile(file, opts.format),
      onProgress: (p) => record({ rows_read: p.rowsRead, orders_done: p.ordersDone }),
    });
    await record({
      status: 'done',
      rows_read: result.rows,
      orders_done: result.orders.created + result.orders.updated,
      result: JSON.stringify(result),
    });
  } catch (err) {
    if (!(err instanceof AppError)) console.error('[imports] run failed', opts.importId, err);
    await record({ status: 'failed', error: err instanceof AppError ? err.message : 'imports.failed' }).catch(() => {});
  } finally {
    await removeImportFile(file);
  }
}
