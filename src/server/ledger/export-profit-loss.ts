import type { Role } from '../auth/access.ts';
import { t, type Locale } from '#i18n/index.ts';
import { getProfitLoss } from './get-profit-loss.ts';
import { checkFormat, writeReport, type ReportFile, type ReportRow } from './report-files.ts';
import { reportHeader } from './report-shop.ts';
import { requireCapability } from './require-capability.ts';

/** Laporan Laba Rugi as CSV, XLSX or PDF (the owner's: it shows cost and profit). */
export async function exportProfitLoss(opts: {
  shopId: string;
  role: Role;
  from: string;
  to: string;
  format: unknown;
  locale: Locale;
}): Promise<ReportFile> {
  requireCapability(opts.role, 'reports.profit');
  const format = checkFormat(opts.format);
  const L = opts.locale;
  const [pl, { shopName, logo }] = await Promise.all([getProfitLoss(opts), reportHeader(opts.shopId, format === 'pdf')]);
  const name = (l: { nameId: string; nameEn: string }) => (L === 'en' ? l.nameEn : l.nameId);
  const rows: ReportRow[] = [
    { cells: ['', t(L, 'reports.file.revenue'), null], heading: true },
    ...pl.revenue.map((l) => ({ cells: [l.code, name(l), l.amount] })),
    { cells: ['', t(L, 'reports.file.totalRevenue'), pl.totalRevenue], strong: true },
    { cells: ['5101', t(L, 'reports.file.cogs'), pl.cogs] },
    { cells: ['', t(L, 'reports.file.grossProfit'), pl.grossProfit], strong: true },
    { cells: ['', t(L, 'reports.file.expenses'), null], heading: true },
    ...pl.expenses.map((l) => ({ cells: [l.code, name(l), l.amount] })),
    { cells: ['', t(L, 'reports.file.totalExpenses'), pl.totalExpenses], strong: true },
    { cells: ['', t(L, 'reports.file.netIncome'), pl.netIncome], strong: true },
  ];
  return writeReport(
    {
      title: t(L, 'reports.file.profitLoss'),
      shopName,
      locale: L,
      periodLabel: t(L, 'reports.file.period', { from: pl.from, to: pl.to }),
      fileStem: `laba-rugi-${pl.from}-${pl.to}`,
      columns: [
        { header: t(L, 'reports.file.code'), width: 10 },
        { header: t(L, 'reports.file.account') },
        { header: t(L, 'reports.file.amount'), money: true },
      ],
      rows,
    },
    format,
    { logo },
  );
}
