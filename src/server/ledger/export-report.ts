import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { NotFound } from '../errors.ts';
import { exportBalanceSheet } from './export-balance-sheet.ts';
import { exportGeneralLedger } from './export-general-ledger.ts';
import { exportProfitLoss } from './export-profit-loss.ts';
import { exportTrialBalance } from './export-trial-balance.ts';
import type { ReportFile } from './report-files.ts';
import { requireCapability } from './require-capability.ts';
import { REPORT_FILES } from './schemas.ts';

/** One statement file by its name in the download URL; each exporter checks its own period and format. */
export async function exportReport(opts: {
  shopId: string;
  role: Role;
  report: string;
  format?: unknown;
  from?: string;
  to?: string;
  asOf?: string;
  account?: string;
  locale: Locale;
}): Promise<ReportFile> {
  requireCapability(opts.role, 'reports.profit');
  const base = { shopId: opts.shopId, role: opts.role, format: opts.format, locale: opts.locale };
  const report = opts.report as (typeof REPORT_FILES)[number];
  switch (report) {
    case 'profit-loss':
      return exportProfitLoss({ ...base, from: opts.from ?? '', to: opts.to ?? '' });
    case 'balance-sheet':
      return exportBalanceSheet({ ...base, asOf: opts.asOf ?? '' });
    case 'trial-balance':
      return exportTrialBalance({ ...base, asOf: opts.asOf ?? '' });
    case 'general-ledger':
      return exportGeneralLedger({ ...base, account: opts.account ?? '', from: opts.from ?? '', to: opts.to ?? '' });
    default:
      throw new NotFound();
  }
}
