import type { Selectable } from 'kysely';
import { t, type Locale } from '#i18n/index.ts';
import type { BadRow } from './marketplace-orders.ts';
import type { MarketplaceImportsTable } from '../db/schema.ts';
import type { ImportPreview } from './preview-marketplace-import.ts';
import type { ImportResult } from './commit-marketplace-import.ts';

export interface ImportView {
  id: string;
  marketplace: MarketplaceImportsTable['marketplace'];
  fileName: string;
  status: MarketplaceImportsTable['status'];
  createdAt: string;
  progress: { rowsRead: number; rowsTotal: number; ordersDone: number; percent: number };
  preview: ImportPreview;
  result: ImportResult | null;
  /** An i18n key when the run failed. */
  error: string | null;
}

export const IMPORT_COLUMNS = [
  'id',
  'marketplace',
  'file_name',
  'status',
  'created_at',
  'updated_at',
  'rows_read',
  'rows_total',
  'orders_done',
  'preview',
  'result',
  'error',
] as const;

type Row = Pick<Selectable<MarketplaceImportsTable>, (typeof IMPORT_COLUMNS)[number]>;

export function importView(r: Row): ImportView {
  const rowsRead = Number(r.rows_read);
  const rowsTotal = Number(r.rows_total);
  const done = r.status === 'done';
  return {
    id: r.id,
    marketplace: r.marketplace,
    fileName: r.file_name,
    status: r.status,
    createdAt: r.created_at,
    progress: {
      rowsRead: done ? rowsTotal : rowsRead,
      rowsTotal,
      ordersDone: Number(r.orders_done),
      percent: done ? 100 : rowsTotal > 0 ? Math.min(99, Math.floor((rowsRead / rowsTotal) * 100)) : 0,
    },
    preview: JSON.parse(r.preview) as ImportPreview,
    result: r.result ? (JSON.parse(r.result) as ImportResult) : null,
    error: r.error,
  };
}

/** The answer in the caller's language: each bad row's reason and a failed run's error as text beside their keys. */
export function localizeImport(v: ImportView, locale: Locale) {
  const rows = (rs: BadRow[]) => rs.map((r) => ({ ...r, message: t(locale, r.reason) }));
  return {
    ...v,
    preview: { ...v.preview, badRows: rows(v.preview.badRows) },
    result: v.result ? { ...v.result, badRows: rows(v.result.badRows) } : null,
    error: v.error ? t(locale, v.error) : null,
  };
}
