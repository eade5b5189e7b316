import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { ensureChart } from './ensure-chart.ts';
import { chartOf, checkDay, signed, totalsBetween } from './period-totals.ts';
import { requireCapability } from './require-capability.ts';

export interface StatementLine {
  code: string;
  nameId: string;
  nameEn: string;
  amount: number;
}
export interface ProfitLoss {
  from: string;
  to: string;
  /** Revenue accounts as positive amounts (contra accounts such as Retur Penjualan negative). */
  revenue: StatementLine[];
  totalRevenue: number;
  cogs: number;
  grossProfit: number;
  expenses: StatementLine[];
  totalExpenses: number;
  netIncome: number;
}

/** Laporan Laba Rugi for the days from..to (inclusive, the program's time zone), from the maintained totals. */
export async function getProfitLoss(opts: { shopId: string; role: Role; from: string; to: string }): Promise<ProfitLoss> {
  requireCapability(opts.role, 'reports.profit');
  const from = checkDay('from', opts.from);
  const to = checkDay('to', opts.to);
  if (from > to) throw new Invalid({ from: ['ledger.periodInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const [chart, totals] = await Promise.all([chartOf(scope), totalsBetween(scope, from, to)]);
    const line = (a: { code: string; name_id: string; name_en: string }, amount: number) => ({
      code: a.code,
      nameId: a.name_id,
      nameEn: a.name_en,
      amount,
    });
    const revenue = chart
      .filter((a) => a.type === 'revenue')
      .map((a) => line(a, -signed(totals.get(a.code))))
      .filter((l) => l.amount !== 0);
    const expenseAccounts = chart.filter((a) => a.type === 'expense' && a.code !== ACCOUNTS.cogs);
    const expenses = expenseAccounts.map((a) => line(a, signed(totals.get(a.code)))).filter((l) => l.amount !== 0);
    const totalRevenue = revenue.reduce((s, l) => s + l.amount, 0);
    const cogs = signed(totals.get(ACCOUNTS.cogs));
    const totalExpenses = expenses.reduce((s, l) => s + l.amount, 0);
    return {
      from,
      to,
      revenue,
      totalRevenue,
      cogs,
      grossProfit: totalRevenue - cogs,
      expenses,
      totalExpenses,
      netIncome: totalRevenue - cogs - totalExpenses,
    };
  });
}
