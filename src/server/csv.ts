import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of the app (feeds, exports). A cell starting with = + - @ tab or CR is prefixed with `'`,
 * so a spreadsheet shows it as text instead of running it as a formula (a product named `=HYPERLINK(...)`).
 */
export function toCsv(rows: unknown[][], columns: string[]): string {
  return stringify(rows, { header: true, columns, escape_formulas: true });
}
