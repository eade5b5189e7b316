import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { toCsv } from '../csv.ts';
import { Invalid } from '../errors.ts';
import { formatRupiah, t, type Locale } from '#i18n/index.ts';

/**
 * One shape for every exported statement, written as CSV, XLSX or PDF. Use cases build the document from
 * the report they read; a thin route sends `body` with `contentType` and `filename`.
 */
export interface ReportColumn {
  header: string;
  money?: boolean;
  width?: number;
}
export interface ReportRow {
  cells: (string | number | null)[];
  strong?: boolean;
  heading?: boolean;
}
export interface ReportDoc {
  title: string;
  shopName: string;
  periodLabel: string;
  locale: Locale;
  fileStem: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Text sections after the table (CALK). */
  sections?: { title: string; paragraphs: string[] }[];
}
export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export interface ReportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

export function checkFormat(format: unknown): ReportFormat {
  if (!REPORT_FORMATS.includes(format as ReportFormat)) throw new Invalid({ format: ['reports.formatInvalid'] });
  return format as ReportFormat;
}

// eslint-disable-next-line no-control-regex -- these are the characters the export drops
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Control characters out of user-given text (shop, account and memo names) before any file format sees it. */
const clean = (v: string) => v.replace(CONTROL_CHARS, '');
const safeStem = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'laporan';

export function writeReport(doc: ReportDoc, format: ReportFormat, opts: { logo?: Buffer | null; now?: Date } = {}): ReportFile {
  const filename = `${safeStem(doc.fileStem)}.${format}`;
  if (format === 'csv') return { filename, contentType: 'text/csv; charset=utf-8', body: Readable.from([Buffer.from(csvOf(doc), 'utf8')]) };
  if (format === 'xlsx')
    return { filename, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsxOf(doc) };
  return { filename, contentType: 'application/pdf', body: pdfOf(doc, opts.logo ?? null, opts.now ?? new Date()) };
}

function csvOf(doc: ReportDoc): string {
  const rows: unknown[][] = doc.rows.map((r) => r.cells.map((c) => (typeof c === 'string' ? clean(c) : (c ?? ''))));
  for (const s of doc.sections ?? []) {
    rows.push([]);
    rows.push([clean(s.title)]);
    for (const p of s.paragraphs) rows.push([clean(p)]);
  }
  return toCsv(
    rows,
    doc.columns.map((c) => c.header),
  );
}

/**
 * Excel refuses a sheet name with : \ / ? * [ ], over 31 characters, starting or ending with ', or named History,
 * and offers to "repair" the file; the general ledger's title holds an account name ("Buku Besar: 5302 …"), which
 * an owner can write themselves. The ends are trimmed after the cut, which can leave a ' (or half an emoji) last.
 */
export function sheetName(title: string): string {
  const name = clean(title)
    .toWellFormed()
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 31)
    .replace(/[\uD800-\uDBFF]$/, '')
    .replace(/^['\s]+|['\s]+$/g, '');
  return name && name.toLowerCase() !== 'history' ? name : 'Sheet1';
}

/** Spreadsheet cells: exceljs writes strings as strings (never formulas), numbers as numbers. */
function xlsxOf(doc: ReportDoc): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName(doc.title));
  ws.columns = doc.columns.map((c) => ({ width: c.width ?? (c.money ? 18 : 40), style: c.money ? { numFmt: '#,##0;(#,##0)' } : {} }));
  ws.addRow([clean(doc.shopName)]).commit();
  ws.addRow([doc.title]).commit();
  ws.addRow([doc.periodLabel]).commit();
  ws.addRow([]).commit();
  const head = ws.addRow(doc.columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for (const r of doc.rows) {
    const row = ws.addRow(r.cells.map((c) => (typeof c === 'string' ? clean(c) : c)));
    if (r.strong || r.heading) row.font = { bold: true };
    row.commit();
  }
  for (const s of doc.sections ?? []) {
    ws.addRow([]).commit();
    const h = ws.addRow([clean(s.title)]);
    h.font = { bold: true };
    h.commit();
    for (const p of s.paragraphs) ws.addRow([clean(p)]).commit();
  }
  ws.commit();
  wb.commit().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

const require = createRequire(import.meta.url);
const poppins = (file: string) => path.join(path.dirname(require.resolve('@expo-google-fonts/poppins/package.json')), file);

/**
 * A4 PDF a bank or cooperative would take: shop name (and logo when given), title, period, the table in
 * Indonesian or English labels, any notes, a dated signature line. Text goes in as text (pdfkit draws it;
 * nothing is interpreted), in an embedded TrueType font so any shop name shows.
 */
function pdfOf(doc: ReportDoc, logo: Buffer | null, now: Date): Readable {
  const pdf = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${doc.title} - ${clean(doc.shopName)}` } });
  pdf.registerFont('body', poppins('400Regular/Poppins_400Regular.ttf'));
  pdf.registerFont('bold', poppins('700Bold/Poppins_700Bold.ttf'));
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  let top = pdf.y;
  if (logo) {
    try {
      pdf.image(logo, left, top, { fit: [56, 56] });
      top += 64;
    } catch {
      // A logo pdfkit cannot read is left out; the statement itself matters more.
    }
  }
  pdf.font('bold').fontSize(14).text(clean(doc.shopName), left, top, { width });
  pdf.font('bold').fontSize(12).text(doc.title, { width });
  pdf.font('body').fontSize(10).text(doc.periodLabel, { width });
  pdf.moveDown();
  const moneyW = 110;
  const moneyCols = doc.columns.filter((c) => c.money).length;
  const textW = (width - moneyCols * moneyW) / Math.max(1, doc.columns.length - moneyCols);
  const widths = doc.columns.map((c) => (c.money ? moneyW : textW));
  const drawRow = (cells: (string | number | null)[], font: 'body' | 'bold') => {
    pdf.font(font).fontSize(9);
    const texts = cells.map((c, i) =>
      c === null || c === '' ? '' : doc.columns[i]?.money && typeof c === 'number' ? formatRupiah(c).replace('Rp ', '') : clean(String(c)),
    );
    const h = Math.max(...texts.map((s, i) => pdf.heightOfString(s || ' ', { width: widths[i]! - 4 })));
    if (pdf.y + h > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const y = pdf.y;
    let x = left;
    texts.forEach((s, i) => {
      pdf.text(s, x, y, { width: widths[i]! - 4, align: doc.columns[i]?.money ? 'right' : 'left' });
      x += widths[i]!;
    });
    pdf.x = left;
    pdf.y = y + h + 2;
  };
  drawRow(
    doc.columns.map((c) => c.header),
    'bold',
  );
  pdf
    .moveTo(left, pdf.y)
    .lineTo(left + width, pdf.y)
    .stroke();
  pdf.y += 3;
  for (const r of doc.rows) drawRow(r.cells, r.strong || r.heading ? 'bold' : 'body');
  for (const s of doc.sections ?? []) {
    pdf.moveDown();
    pdf.font('bold').fontSize(11).text(clean(s.title), left, pdf.y, { width });
    pdf.font('body').fontSize(9);
    for (const p of s.paragraphs) pdf.text(clean(p), { width, paragraphGap: 3 });
  }
  if (pdf.y + 110 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  pdf.moveDown(2);
  const sigX = left + width - 220;
  const day = new Intl.DateTimeFormat(doc.locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(now);
  pdf
    .font('body')
    .fontSize(10)
    .text(t(doc.locale, 'reports.file.place', { date: day }), sigX, pdf.y, { width: 220 });
  pdf.text(t(doc.locale, 'reports.file.signature', { name: clean(doc.shopName) }), sigX, pdf.y, { width: 220 });
  pdf.y += 56;
  pdf
    .moveTo(sigX, pdf.y)
    .lineTo(sigX + 200, pdf.y)
    .stroke();
  pdf.y += 4;
  pdf.fontSize(8).text(t(doc.locale, 'reports.file.signatureLine'), sigX, pdf.y, { width: 220 });
  pdf.end();
  return pdf as unknown as Readable;
}

/** Collect a file's body (tests, or a route that wants a Content-Length). */
export async function fileBuffer(f: ReportFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of f.body) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}
