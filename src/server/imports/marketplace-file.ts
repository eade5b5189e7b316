import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Marketplace } from '../db/schema.ts';
import { PayloadTooLarge } from '../errors.ts';
import { checkXlsxLimits } from './xlsx-limits.ts';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/** The fields an order line is read into; a saved column mapping names the header of each. */
export const IMPORT_FIELDS = [
  'orderId',
  'status',
  'sku',
  'name',
  'variation',
  'quantity',
  'unitPrice',
  'lineTotal',
  'commissionFee',
  'serviceFee',
  'transactionFee',
  'returnStatus',
  'releasedAmount',
  'releasedDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ColumnMapping = Partial<Record<ImportField, string>>;

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Shopee and TikTok Shop/Tokopedia export headers, English and Indonesian (shared/NOTES.md). */
const ALIASES: Record<ImportField, string[]> = {
  orderId: ['Order ID', 'No. Pesanan', 'ID Pesanan', 'Nomor Pesanan'],
  status: ['Order Status', 'Status Pesanan'],
  sku: ['SKU Reference No.', 'Seller SKU', 'Nomor Referensi SKU', 'SKU Penjual'],
  name: ['Product Name', 'Nama Produk'],
  variation: ['Variation Name', 'Variation', 'Nama Variasi', 'Variasi'],
  quantity: ['Quantity', 'Jumlah'],
  unitPrice: ['Deal Price', 'Harga Setelah Diskon', 'Harga Satuan'],
  lineTotal: ['SKU Subtotal After Discount', 'Subtotal SKU Setelah Diskon', 'Total Harga Produk'],
  commissionFee: ['Commission Fee', 'Biaya Komisi', 'Biaya Administrasi'],
  serviceFee: ['Service Fee', 'Biaya Layanan'],
  transactionFee: ['Transaction Fee', 'Biaya Transaksi', 'Biaya Proses Pesanan'],
  returnStatus: ['Return / Refund Status', 'Status Pembatalan/ Pengembalian', 'Status Pengembalian'],
  // The payout columns of Shopee's income export and TikTok Shop's settlement export (order level, like the fees).
  releasedAmount: [
    'Released Amount',
    'Total Released Amount',
    'Payout Amount',
    'Total Settlement Amount',
    'Settlement Amount',
    'Dana Dilepas',
    'Jumlah Dana Dilepas',
    'Total Dana Dilepas',
    'Dana Dilepaskan',
    'Jumlah Dana Dilepaskan',
    'Total Penghasilan',
    'Jumlah Penyelesaian',
  ],
  releasedDate: [
    'Payout Completed Date',
    'Payout Date',
    'Released Date',
    'Release Date',
    'Released Time',
    'Order Settled Time',
    'Settled Time',
    'Tanggal Dana Dilepas',
    'Tanggal Dana Dilepaskan',
    'Waktu Dana Dilepas',
    'Waktu Dana Dilepaskan',
    'Tanggal Pencairan',
    'Waktu Penyelesaian',
  ],
};
const ALIAS_INDEX = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of ALIASES[f]) ALIAS_INDEX.set(norm(a), f);
/** A header's field by its known names, also with a currency suffix ("Dana Dilepas (Rp)"). */
const aliasOf = (h: string) => ALIAS_INDEX.get(norm(h)) ?? ALIAS_INDEX.get(norm(h).replace(/(rp|idr)$/, ''));

export type ExternalStatus = 'open' | 'completed' | 'cancelled' | 'returned';

const STATUS_WORDS: [ExternalStatus, string[]][] = [
  ['returned', ['returned', 'refunded', 'pengembalian', 'dikembalikan', 'retur']],
  ['cancelled', ['cancelled', 'canceled', 'batal', 'dibatalkan']],
  ['completed', ['completed', 'selesai', 'delivered', 'terkirim', 'diterima']],
];

export function externalStatus(status: string, returnStatus: string): ExternalStatus {
  const r = returnStatus.trim();
  if (r && r !== '-' && !/^(none|tidak ada)$/i.test(r)) return 'returned';
  const s = norm(status);
  for (const [to, words] of STATUS_WORDS) if (words.some((w) => s.includes(norm(w)))) return to;
  return 'open';
}

/** Whole Rupiah from "Rp 25.000", "25.000,00", "25000" or an XLSX number; null when not a number. */
export function parseRupiah(v: string): number | null {
  let s = v.replace(/rp\.?/i, '').replace(/\s/g, '');
  if (s === '' || s === '-') return 0;
  if (/^-?\d+(\.\d+)?$/.test(s) && !/^-?\d{1,3}(\.\d{3})+$/.test(s)) return Math.round(Number(s));
  s = s.replace(/,\d{1,2}$/, '').replace(/[.,]/g, '');
  return /^-?\d+$/.test(s) ? Number(s) : null;
}

export interface ImportLine {
  orderId: string;
  status: ExternalStatus;
  sku: string;
  name: string;
  variation: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  fees: number;
  /** What the marketplace released for the order and on which day (YYYY-MM-DD); null until both are shown. */
  released: number | null;
  releasedDay: string | null;
}
export type ReadRow = { line: number; row: ImportLine } | { line: number; error: string };

export interface ImportFile {
  format: 'csv' | 'xlsx';
  /** Opens the file afresh: the preview and the commit each read it once, as a stream. */
  open: () => Readable;
}

function capBytes(): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > MAX_IMPORT_BYTES) cb(new PayloadTooLarge('imports.fileTooLarge'));
      else cb(null, chunk);
    },
  });
}

/** The file as a stream cut off past MAX_IMPORT_BYTES; closing it, however early, closes the file. */
function openCapped(file: ImportFile): Readable {
  const src = file.open();
  const capped = src.pipe(capBytes());
  src.on('error', (e) => capped.destroy(e));
  capped.on('close', () => src.destroy());
  return capped;
}

async function* rawRows(file: ImportFile): AsyncGenerator<{ line: number; cells: string[] }> {
  if (file.format === 'xlsx') await checkXlsxLimits(openCapped(file));
  const capped = openCapped(file);
  if (file.format === 'csv') {
    const parser = capped.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
    capped.on('error', (e) => parser.destroy(e));
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { line: r.info.lines, cells: r.record };
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(capped, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1).map((v) => cellText(v));
      if (values.every((v) => v === '')) continue;
      yield { line: row.number, cells: values };
    }
    break; // the first sheet holds the orders
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return String(v).trim();
}

/**
 * Reads an export row by row (never the whole file): the header row picks the columns by the known
 * English and Indonesian names, or by the merchant's saved mapping; each further row is an order line
 * or, with its line number, the reason it cannot be one.
 */
export async function* readImportRows(file: ImportFile, mapping?: ColumnMapping | null): AsyncGenerator<ReadRow> {
  let cols: Partial<Record<ImportField, number>> | null = null;
  let rows = 0;
  for await (const { line, cells } of rawRows(file)) {
    if (!cols) {
      cols = {};
      const byHeader = new Map(cells.map((c, i) => [norm(c), i]));
      if (mapping) {
        for (const [f, h] of Object.entries(mapping)) if (h && byHeader.has(norm(h))) cols[f as ImportField] = byHeader.get(norm(h))!;
      } else {
        cells.forEach((c, i) => {
          const f = aliasOf(c);
          if (f && cols![f] === undefined) cols![f] = i;
        });
      }
      if (cols.orderId === undefined || cols.quantity === undefined || (cols.name === undefined && cols.sku === undefined))
        throw new UnknownLayout();
      continue;
    }
    if (++rows > MAX_IMPORT_ROWS) throw new PayloadTooLarge('imports.tooManyRows');
    const get = (f: ImportField) => (cols![f] === undefined ? '' : (cells[cols![f]!] ?? '').trim());
    yield toLine(line, get);
  }
  if (!cols) throw new UnknownLayout();
}

export class UnknownLayout extends Error {}

function toLine(line: number, get: (f: ImportField) => string): ReadRow {
  const orderId = get('orderId');
  if (!orderId) return { line, error: 'imports.rowNoOrderId' };
  const name = get('name');
  const sku = get('sku');
  if (!name && !sku) return { line, error: 'imports.rowNoProduct' };
  const quantity = Number(get('quantity'));
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100_000) return { line, error: 'imports.rowBadQuantity' };
  const unit = get('unitPrice') ? parseRupiah(get('unitPrice')) : null;
  const total = get('lineTotal') ? parseRupiah(get('lineTotal')) : null;
  if ((unit === null && total === null) || (unit !== null && unit < 0) || (total !== null && total < 0))
    return { line, error: 'imports.rowBadPrice' };
  const lineTotal = total ?? unit! * quantity;
  const fees = ['commissionFee', 'serviceFee', 'transactionFee'].map((f) => parseRupiah(get(f as ImportField)));
  if (fees.some((f) => f === null)) return { line, error: 'imports.rowBadFee' };
  const rawReleased = get('releasedAmount');
  const rawDay = get('releasedDate');
  const released = rawReleased && rawReleased !== '-' ? parseRupiah(rawReleased) : null;
  const releasedDay = rawDay && rawDay !== '-' ? parseDay(rawDay) : null;
  if ((rawReleased && rawReleased !== '-' && (released === null || released < 0)) || (rawDay && rawDay !== '-' && !releasedDay))
    return { line, error: 'imports.rowBadPayout' };
  return {
    line,
    row: {
      orderId,
      status: externalStatus(get('status'), get('returnStatus')),
      sku,
      name,
      variation: get('variation'),
      quantity,
      unitPrice: Math.round(lineTotal / quantity),
      lineTotal,
      // Fee columns are order-level amounts; the caller takes them once per order (abs: exports show them negative).
      fees: fees.reduce<number>((s, f) => s + Math.abs(f!), 0),
      // An amount without its day is the export's estimate, not a payout yet.
      released: released !== null && releasedDay ? released : null,
      releasedDay: released !== null && releasedDay ? releasedDay : null,
    },
  };
}

/** YYYY-MM-DD from "2026-11-20 10:00", "2026/11/20", "20/11/2026 10:00:00" (day first, as both exports write it) or an XLSX date. */
export function parseDay(v: string): string | null {
  const pad = (n: string) => n.padStart(2, '0');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[ T])/.exec(v);
  const ymd = m ? [m[1]!, pad(m[2]!), pad(m[3]!)] : null;
  m = ymd ? null : /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[ T])/.exec(v);
  const parts = ymd ?? (m ? [m[3]!, pad(m[2]!), pad(m[1]!)] : null);
  if (!parts) return null;
  const day = parts.join('-');
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : null;
}

export function lineKey(r: Pick<ImportLine, 'sku' | 'name' | 'variation'>): string {
  return `${r.sku.toLowerCase()}|${r.name.toLowerCase()}|${r.variation.toLowerCase()}`;
}

export const MARKETPLACES = ['shopee', 'tokopedia_tiktok', 'other'] as const satisfies readonly Marketplace[];
