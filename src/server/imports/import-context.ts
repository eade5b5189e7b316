import type { ShopScope } from '../tenant/index.ts';
import { AppError, Invalid, NotFound } from '../errors.ts';
import { UnknownLayout, type ColumnMapping, type ImportFile } from './marketplace-file.ts';
import { groupImportRows, loadMatcher, type CatalogItem, type ImportGroup, type ImportStats } from './marketplace-orders.ts';
import type { ImportLine } from './marketplace-file.ts';
import type { ImportOptionsInput } from './schemas.ts';

/** The shop's saved mapping (when named) and catalog matcher, read in one short transaction. */
export async function importContext(
  scope: ShopScope,
  input: ImportOptionsInput,
): Promise<{ mapping: ColumnMapping | null; match: (r: ImportLine) => CatalogItem | null }> {
  let mapping: ColumnMapping | null = null;
  if (input.mappingName) {
    const row = await scope.tx
      .selectFrom('marketplace_column_maps')
      .select('mapping')
      .where('shop_id', '=', scope.shopId)
      .where('name', '=', input.mappingName)
      .executeTakeFirst();
    if (!row) throw new NotFound('imports.mappingNotFound');
    mapping = JSON.parse(row.mapping) as ColumnMapping;
  }
  return { mapping, match: await loadMatcher(scope, input.marketplace) };
}

/**
 * The file's orders in chunks (read outside any transaction, between the caller's chunk transactions);
 * a header row without the needed columns or an unreadable file is a 400 in the user's language.
 */
export async function* importChunks(
  file: ImportFile,
  ctx: Awaited<ReturnType<typeof importContext>>,
  stats: ImportStats,
  chunk: number,
): AsyncGenerator<ImportGroup[]> {
  try {
    yield* groupImportRows(file, ctx.mapping, ctx.match, stats, chunk);
  } catch (err) {
    if (err instanceof UnknownLayout) throw new Invalid({ file: ['imports.layoutUnknown'] }, 'imports.layoutUnknown');
    // csv-parse names its refusals CSV_*; exceljs throws plain errors on a file that is not a workbook.
    const csvError = err instanceof Error && !!(err as { code?: string }).code?.startsWith('CSV_');
    if (csvError || (file.format === 'xlsx' && !(err instanceof AppError)))
      throw new Invalid({ file: ['imports.fileUnreadable'] }, 'imports.fileUnreadable');
    throw err;
  }
}
