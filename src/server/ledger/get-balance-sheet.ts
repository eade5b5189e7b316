import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { ensureChart } from './ensure-chart.ts';
import { chartOf, checkDay, signed, totalsBetween } from './period-totals.ts';
import { requireCapability } from './require-capability.ts';
import type { StatementLine } from './get-profit-loss.ts';

export interface BalanceSheet {
  asOf: string;
  assets: StatementLine[];
  totalAssets: number;
  liabilities: StatementLine[];
  totalLiabilities: number;
  /** Equity accounts, plus the profit not yet closed into Saldo Laba (code 'earnings'). */
  equity: StatementLine[];
  totalEquity: number;
}

/**
 * Laporan Posisi Keuangan on `asOf`. No closing entries are needed: revenue less expenses up to that day
 * shows as one equity line (laba belum ditutup), so assets always equal liabilities plus equity.
 */
export async function getBalanceSheet(opts: { shopId: string; role: Role; asOf: string }): Promise<BalanceSheet> {
  requireCapability(opts.role, 'reports.profit');
  const asOf = checkDay('asOf', opts.asOf);
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const [chart, totals] = await Promise.all([chartOf(scope), totalsBetween(scope, null, asOf)]);
    const section = (type: string, sign: 1 | -1) =>
      chart
        .filter((a) => a.type === type)
        .map((a) => ({ code: a.code, nameId: a.name_id, nameEn: a.name_en, amount: sign * signed(totals.get(a.code)) }))
        .filter((l) => l.amount !== 0);
    const assets = section('asset', 1);
    const liabilities = section('liability', -1);
    const equity = section('equity', -1);
    const earnings = chart.filter((a) => a.type === 'revenue' || a.type === 'expense').reduce((s, a) => s - signed(totals.get(a.code)), 0);
    if (earnings !== 0) equity.push({ code: 'earnings', nameId: 'Laba belum ditutup', nameEn: 'Profit not yet closed', amount: earnings });
    const sum = (ls: StatementLine[]) => ls.reduce((s, l) => s + l.amount, 0);
    return { asOf, assets, totalAssets: sum(assets), liabilities, totalLiabilities: sum(liabilities), equity, totalEquity: sum(equity) };
  });
}
