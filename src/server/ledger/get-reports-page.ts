import { roleHas, type Role } from '../auth/access.ts';
import { Invalid } from '../errors.ts';
import type { Locale } from '#i18n/index.ts';
import { dayIn } from './ledger-day.ts';
import { getSalesReport, type SalesGrouping, type SalesReport } from './get-sales-report.ts';
import { renderSalesByChannel, renderSalesOverTime, type SalesChart } from './render-sales-chart.ts';
import { getProfitLoss, type ProfitLoss } from './get-profit-loss.ts';
import { getBalanceSheet, type BalanceSheet } from './get-balance-sheet.ts';
import { getFinancialNotes, type FinancialNotes } from './get-financial-notes.ts';
import { getTrialBalance, type TrialBalance } from './get-trial-balance.ts';
import { getGeneralLedger, type GeneralLedger } from './get-general-ledger.ts';
import { getPphEstimate, type PphEstimate } from './get-pph-estimate.ts';
import { ACCOUNTS } from './chart-template.ts';
import { checkPeriod, daysIn, lastDayOfMonth, type Period } from './report-period.ts';

export interface ReportsQuery {
  month?: string | null;
  from?: string | null;
  to?: string | null;
  baseFrom?: string | null;
  baseTo?: string | null;
  group?: string | null;
  account?: string | null;
}
export interface OwnerReports {
  profitLoss: ProfitLoss;
  balanceSheet: BalanceSheet;
  notes: FinancialNotes;
  trialBalance: TrialBalance;
  ledger: GeneralLedger;
  pph: PphEstimate;
}
export interface ReportsPage {
  period: Period;
  month: string | null;
  baseline: Period | null;
  sales: SalesReport;
  charts: SalesChart[];
  /** Only for a role that may see profit (the owner); staff get sales only. */
  owner: OwnerReports | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const val = (v: string | null | undefined) => (v ?? '').trim();

/** The period a request asks for: a month, or from..to; this month of the program's time zone by default. */
export function reportsPeriod(q: ReportsQuery, timezone: string, now = new Date()): { period: Period; month: string | null } {
  const from = val(q.from);
  const to = val(q.to);
  if (from || to) return { period: checkPeriod({ from, to }), month: null };
  const month = val(q.month) || dayIn(timezone, now).slice(0, 7);
  if (!MONTH.test(month)) throw new Invalid({ month: ['reports.monthInvalid'] }, 'reports.monthInvalid');
  return { period: { from: `${month}-01`, to: lastDayOfMonth(month) }, month };
}

export type ReportPresetKey = 'thisMonth' | 'lastMonth' | 'thisYear';
export interface ReportPreset {
  key: ReportPresetKey;
  /** The page's query for it (a plain link, so it needs no JavaScript). */
  query: string;
  period: Period;
}

/** The periods asked for most, as one-tap links: this month, last month, this year so far (program time zone). */
export function reportPresets(timezone: string, now = new Date()): ReportPreset[] {
  const today = dayIn(timezone, now);
  const month = today.slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [
    { key: 'thisMonth', query: `month=${month}`, period: { from: `${month}-01`, to: lastDayOfMonth(month) } },
    { key: 'lastMonth', query: `month=${last}`, period: { from: `${last}-01`, to: lastDayOfMonth(last) } },
    { key: 'thisYear', query: `from=${y}-01-01&to=${today}`, period: { from: `${y}-01-01`, to: today } },
  ];
}

/**
 * What the reports page shows: sales (with charts and their tables) for everyone who may manage orders;
 * the statements, CALK, trial balance, general ledger and PPh estimate only for a role with reports.profit.
 */
export async function getReportsPage(opts: {
  shopId: string;
  role: Role;
  locale: Locale;
  timezone: string;
  query: ReportsQuery;
}): Promise<ReportsPage> {
  const { period, month } = reportsPeriod(opts.query, opts.timezone);
  const baseFrom = val(opts.query.baseFrom);
  const baseTo = val(opts.query.baseTo);
  const baseline = baseFrom || baseTo ? checkPeriod({ from: baseFrom, to: baseTo }, 'baseline.') : null;
  const group = val(opts.query.group) || (daysIn(period) <= 62 ? 'day' : daysIn(period) <= 400 ? 'week' : 'month');
  const sales = await getSalesReport({ shopId: opts.shopId, role: opts.role, ...period, groupBy: group as SalesGrouping, baseline });
  const charts = [renderSalesOverTime(sales, opts.locale), renderSalesByChannel(sales, opts.locale)];
  if (!roleHas(opts.role, 'reports.profit')) return { period, month, baseline, sales, charts, owner: null };
  const base = { shopId: opts.shopId, role: opts.role };
  const asOf = period.to;
  const [profitLoss, balanceSheet, notes, trialBalance, ledger, pph] = await Promise.all([
    getProfitLoss({ ...base, ...period }),
    getBalanceSheet({ ...base, asOf }),
    getFinancialNotes({ ...base, asOf, locale: opts.locale }),
    getTrialBalance({ ...base, asOf }),
    getGeneralLedger({ ...base, ...period, account: val(opts.query.account) || ACCOUNTS.cash, limit: 500 }),
    getPphEstimate({ ...base, year: Number(period.from.slice(0, 4)) }),
  ]);
  return { period, month, baseline, sales, charts, owner: { profitLoss, balanceSheet, notes, trialBalance, ledger, pph } };
}
