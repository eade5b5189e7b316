import type { Role } from '../auth/access.ts';
import { t, type Locale } from '#i18n/index.ts';
import { getTrialBalance } from './get-trial-balance.ts';
import { checkFormat, writeReport, type ReportFile } from './report-files.ts';
import { reportHeader } from './report-shop.ts';
import { requireCapability } from './require-capability.ts';

/** Neraca saldo as CSV, XLSX or PDF (the owner's). */
export async function exportTrialBalance(opts: {
  shopId: string;
  role: Role;
  asOf: string;
  format: unknown;
  locale: Locale;
}): Promise<ReportFile> {
  requireCapability(opts.role, 'reports.profit');
  const format = checkFormat(opts.format);
  const L = opts.locale;
  const [tb, { shopName, logo }] = await Promise.all([getTrialBalance(opts), reportHeader(opts.shopId, format === 'pdf')]);
  return writeReport(
    {
      title: t(L, 'reports.file.trialBalance'),
      shopName,
      locale: L,
      periodLabel: t(L, 'reports.file.asOf', { asOf: tb.asOf }),
      fileStem: `neraca-saldo-${tb.asOf}`,
      columns: [
        { header: t(L, 'reports.file.code'), width: 10 },
        { header: t(L, 'reports.file.account') },
        { header: t(L, 'reports.file.debit'), money: true },
        { header: t(L, 'reports.file.credit'), money: true },
      ],
      rows: [
        ...tb.rows
          .filter((r) => r.debit || r.credit)
          .map((r) => ({ cells: [r.code, L === 'en' ? r.nameEn : r.nameId, r.debit, r.credit] })),
        { cells: ['', t(L, 'reports.file.total'), tb.totalDebit, tb.totalCredit], strong: true },
      ],
    },
    format,
    { logo },
  );
}
