import type { Role } from '../auth/access.ts';
import { t, type Locale } from '#i18n/index.ts';
import { getGeneralLedger } from './get-general-ledger.ts';
import { checkFormat, writeReport, type ReportFile } from './report-files.ts';
import { reportHeader } from './report-shop.ts';
import { requireCapability } from './require-capability.ts';

/** Buku besar of one account for a period as CSV, XLSX or PDF (the owner's). */
export async function exportGeneralLedger(opts: {
  shopId: string;
  role: Role;
  account: string;
  from: string;
  to: string;
  format: unknown;
  locale: Locale;
}): Promise<ReportFile> {
  requireCapability(opts.role, 'reports.profit');
  const format = checkFormat(opts.format);
  const L = opts.locale;
  const [gl, { shopName, logo }] = await Promise.all([
    getGeneralLedger({ ...opts, limit: 5000 }),
    reportHeader(opts.shopId, format === 'pdf'),
  ]);
  const rows = [
    { cells: [gl.from, t(L, 'reports.file.opening'), null, null, gl.opening], strong: true },
    ...gl.lines.map((l) => ({ cells: [l.day, l.memo, l.debit, l.credit, l.balance] })),
    ...(gl.truncated ? [{ cells: ['', t(L, 'reports.file.truncated'), null, null, null] }] : []),
    { cells: [gl.to, t(L, 'reports.file.closing'), null, null, gl.closing], strong: true },
  ];
  return writeReport(
    {
      title: `${t(L, 'reports.file.generalLedger')}: ${gl.code} ${L === 'en' ? gl.nameEn : gl.nameId}`,
      shopName,
      locale: L,
      periodLabel: t(L, 'reports.file.period', { from: gl.from, to: gl.to }),
      fileStem: `buku-besar-${gl.code}-${gl.from}-${gl.to}`,
      columns: [
        { header: t(L, 'reports.file.date'), width: 12 },
        { header: t(L, 'reports.file.memo') },
        { header: t(L, 'reports.file.debit'), money: true },
        { header: t(L, 'reports.file.credit'), money: true },
        { header: t(L, 'reports.file.balance'), money: true },
      ],
      rows,
    },
    format,
    { logo },
  );
}
