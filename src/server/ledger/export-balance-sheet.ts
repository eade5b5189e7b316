import type { Role } from '../auth/access.ts';
import { t, type Locale } from '#i18n/index.ts';
import { getBalanceSheet } from './get-balance-sheet.ts';
import { getFinancialNotes } from './get-financial-notes.ts';
import { checkFormat, writeReport, type ReportFile, type ReportRow } from './report-files.ts';
import { reportHeader } from './report-shop.ts';
import { requireCapability } from './require-capability.ts';

/** Laporan Posisi Keuangan with its Catatan atas Laporan Keuangan, as CSV, XLSX or PDF (the owner's). */
export async function exportBalanceSheet(opts: {
  shopId: string;
  role: Role;
  asOf: string;
  format: unknown;
  locale: Locale;
}): Promise<ReportFile> {
  requireCapability(opts.role, 'reports.profit');
  const format = checkFormat(opts.format);
  const L = opts.locale;
  const [bs, notes, { shopName, logo }] = await Promise.all([
    getBalanceSheet(opts),
    getFinancialNotes(opts),
    reportHeader(opts.shopId, format === 'pdf'),
  ]);
  const name = (l: { code: string; nameId: string; nameEn: string }) =>
    l.code === 'earnings' ? t(L, 'reports.calk.earnings') : L === 'en' ? l.nameEn : l.nameId;
  const section = (title: string, lines: typeof bs.assets, totalLabel: string, total: number): ReportRow[] => [
    { cells: ['', t(L, title), null], heading: true },
    ...lines.map((l) => ({ cells: [l.code === 'earnings' ? '' : l.code, name(l), l.amount] })),
    { cells: ['', t(L, totalLabel), total], strong: true },
  ];
  const rows = [
    ...section('reports.file.assets', bs.assets, 'reports.file.totalAssets', bs.totalAssets),
    ...section('reports.file.liabilities', bs.liabilities, 'reports.file.totalLiabilities', bs.totalLiabilities),
    ...section('reports.file.equity', bs.equity, 'reports.file.totalEquity', bs.totalEquity),
    { cells: ['', t(L, 'reports.file.totalLiabilitiesEquity'), bs.totalLiabilities + bs.totalEquity], strong: true },
  ];
  const sections = [
    { title: `${t(L, 'reports.calk.title')}: ${t(L, 'reports.calk.entity')}`, paragraphs: [notes.entity.text] },
    { title: t(L, 'reports.calk.complianceTitle'), paragraphs: [notes.compliance] },
    { title: t(L, 'reports.calk.policies'), paragraphs: notes.policies.map((p) => `${p.title}. ${p.text}`) },
    { title: t(L, 'reports.calk.notes'), paragraphs: notes.notes.map((n) => `${n.number}. ${n.title}: ${n.text}`) },
  ];
  return writeReport(
    {
      title: t(L, 'reports.file.balanceSheet'),
      shopName,
      locale: L,
      periodLabel: t(L, 'reports.file.asOf', { asOf: bs.asOf }),
      fileStem: `posisi-keuangan-${bs.asOf}`,
      columns: [
        { header: t(L, 'reports.file.code'), width: 10 },
        { header: t(L, 'reports.file.account') },
        { header: t(L, 'reports.file.amount'), money: true },
      ],
      rows,
      sections,
    },
    format,
    { logo },
  );
}
