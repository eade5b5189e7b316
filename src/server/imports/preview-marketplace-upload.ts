import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { Invalid, PayloadTooLarge } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { MAX_IMPORT_BYTES } from './marketplace-file.ts';
import { previewMarketplaceImport } from './preview-marketplace-import.ts';
import { importFilePath, removeImportFile, sniffFormat, storedImportFile, storeImportFile, sweepStaleImportFiles } from './import-files.ts';
import { importView, type ImportView } from './import-views.ts';
import type { ImportUploadInput } from './schemas.ts';

/**
 * An uploaded export: stored on disk (not kept in memory) until the merchant commits it, previewed by
 * streaming it once, and recorded as an import run the commit and the status page refer to by id.
 */
export async function previewMarketplaceUpload(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: ImportUploadInput;
  upload: { bytes: Buffer; name: string } | null;
}): Promise<ImportView> {
  requireCapability(opts.role, 'orders.manage');
  const { upload, input } = opts;
  if (!upload || upload.bytes.length === 0) throw new Invalid({ file: ['imports.fileMissing'] }, 'imports.fileMissing');
  if (upload.bytes.length > MAX_IMPORT_BYTES) throw new PayloadTooLarge('imports.fileTooLarge');
  await sweepStaleImportFiles();
  const id = newId();
  const file = importFilePath(opts.shopId, id);
  const format = sniffFormat(upload.bytes);
  await storeImportFile(file, upload.bytes);
  try {
    const preview = await previewMarketplaceImport({
      shopId: opts.shopId,
      role: opts.role,
      input: { marketplace: input.marketplace, format, mappingName: input.mappingName ?? null },
      file: storedImportFile(file, format),
    });
    const now = nowIso();
    const row = {
      shop_id: opts.shopId,
      id,
      marketplace: input.marketplace,
      format,
      mapping_name: input.mappingName ?? null,
      file_name: upload.name.slice(0, 200) || 'export',
      status: 'previewed' as const,
      rows_total: preview.rows,
      rows_read: 0,
      orders_done: 0,
      preview: JSON.stringify(preview),
      result: null,
      error: null,
      created_by: opts.userId,
      created_at: now,
      updated_at: now,
    };
    await inShop(opts.shopId, ({ tx }) => tx.insertInto('marketplace_imports').values(row).execute());
    return importView(row);
  } catch (err) {
    await removeImportFile(file);
    throw err;
  }
}
