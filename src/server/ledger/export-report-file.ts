import type { Role } from '../auth/access.ts';
import { Invalid } from '../errors.ts';
import type { Locale } from '#i18n/index.ts';
import { exportBalanceSheet } from './export-balance-sheet.ts';
import { exportGeneralLedger } from './export-general-ledger.ts';
import { exportProfitLoss } from './export-profit-loss.ts';
import { exportTrialBalance } from './export-trial-balance.ts';
import type { ReportFile } from './report-files.ts';

/**
 * The reports page's download links: `report` names the statement; profit-loss and general-ledger take
 * from..to, the balance sheet (with CALK) and the trial balance are as of `to`. Each export checks the role.
 */
export async function exportReportFile(opts: {
  shopId: string;
  role: Role;
  locale: Locale;
  query: Record<string, string>;
}): Promise<ReportFile> {
  const q = opts.query;
  const base = { shopId: opts.shopId, role: opts.role, locale: opts.locale, format: q.format };
  const from = q.from ?? '';
  const to = q.to ?? '';
  switch (q.report) {
    case 'profit-loss':
      return exportProfitLoss({ ...base, from, to });
    case 'balance-sheet':
      return exportBalanceSheet({ ...base, asOf: to });
    case 'trial-balance':
      return exportTrialBalance({ ...base, asOf: to });
    case 'general-ledger':
      return exportGeneralLedger({ ...base, from, to, account: q.account ?? '' });
    default:
      throw new Invalid({ report: ['validation.choice'] }, 'validation.choice');
  }
}
