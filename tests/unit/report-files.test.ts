import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileBuffer, sheetName, writeReport, type ReportDoc } from '#server/ledger/report-files.ts';

const doc = (title: string): ReportDoc => ({
  title,
  shopName: 'Telur Asin Hj. Tenri',
  periodLabel: '1–30 November 2026',
  locale: 'id',
  fileStem: 'buku-besar',
  columns: [{ header: 'Akun' }, { header: 'Saldo', money: true }],
  rows: [{ cells: ['Kas', 25_000] }],
});

/** Excel's rules for a sheet name (exceljs checks the same ones when it reads a workbook). */
function excelAccepts(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 31 &&
    !/[:\\/?*[\]]/.test(name) &&
    !/^'|'$/.test(name) &&
    name.toLowerCase() !== 'history' &&
    name.isWellFormed()
  );
}

describe('report XLSX sheet names', () => {
  it("a general ledger title cut at 31 characters right after a ' still opens (found by the full XSS run)", async () => {
    const title = "Buku Besar: 5822 +SUM(1+1) cmd|' /C calc'!A0";
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileBuffer(writeReport(doc(title), 'xlsx'))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Buku Besar 5822 +SUM(1+1) cmd|']);
  });

  it('any title gives a name Excel accepts', () => {
    // Lone surrogate halves too: a JSON body can carry them.
    const tricky = fc.constantFrom(
      "'",
      ':',
      '/',
      '\\',
      '?',
      '*',
      '[',
      ']',
      ' ',
      '\t',
      '\u0000',
      '😀',
      '\uD83D',
      '\uDE00',
      'History',
      'a',
      'Ü',
    );
    const title = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(tricky, { maxLength: 40 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(title, (t) => excelAccepts(sheetName(t))),
      { seed: 31, numRuns: 2_000 },
    );
  });
});
