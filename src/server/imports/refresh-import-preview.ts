import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { Conflict, NotFound } from '../errors.ts';
import { nowIso } from '../util.ts';
import { previewMarketplaceImport } from './preview-marketplace-import.ts';
import { importFilePath, storedImportFile } from './import-files.ts';

/** Previews a stored upload again (after the merchant mapped a product, its orders are no longer waiting). */
export async function refreshImportPreview(opts: { shopId: string; role: Role; importId: string }): Promise<void> {
  requireCapability(opts.role, 'orders.manage');
  const row = await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .selectFrom('marketplace_imports')
      .select(['id', 'status', 'marketplace', 'format', 'mapping_name'])
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.importId)
      .executeTakeFirst(),
  );
  if (!row) throw new NotFound('imports.notFound');
  if (row.status !== 'previewed') throw new Conflict('imports.alreadyStarted');
  const preview = await previewMarketplaceImport({
    shopId: opts.shopId,
    role: opts.role,
    input: { marketplace: row.marketplace, format: row.format, mappingName: row.mapping_name },
    file: storedImportFile(importFilePath(opts.shopId, row.id), row.format),
  });
  await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .updateTable('marketplace_imports')
      .set({ preview: JSON.stringify(preview), rows_total: preview.rows, updated_at: nowIso() })
      .where('shop_id', '=', shopId)
      .where('id', '=', row.id)
      .where('status', '=', 'previewed')
      .execute(),
  );
}
