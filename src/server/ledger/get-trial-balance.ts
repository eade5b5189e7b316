import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { ensureChart } from './ensure-chart.ts';
import { chartOf, checkDay, signed, totalsBetween } from './period-totals.ts';
import { requireCapability } from './require-capability.ts';

export interface TrialBalanceRow {
  code: string;
  type: string;
  nameId: string;
  nameEn: string;
  debit: number;
  credit: number;
}
export interface TrialBalance {
  asOf: string;
  rows: TrialBalanceRow[];
  totalDebit: number;
  totalCredit: number;
}

/** Neraca saldo: every account's balance on `asOf` (a day in the program's time zone) on its side. */
export async function getTrialBalance(opts: { shopId: string; role: Role; asOf: string }): Promise<TrialBalance> {
  requireCapability(opts.role, 'reports.profit');
  const asOf = checkDay('asOf', opts.asOf);
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const [chart, totals] = await Promise.all([chartOf(scope), totalsBetween(scope, null, asOf)]);
    const rows = chart.map((a) => {
      const b = signed(totals.get(a.code));
      return { code: a.code, type: a.type, nameId: a.name_id, nameEn: a.name_en, debit: b > 0 ? b : 0, credit: b < 0 ? -b : 0 };
    });
    return { asOf, rows, totalDebit: rows.reduce((s, r) => s + r.debit, 0), totalCredit: rows.reduce((s, r) => s + r.credit, 0) };
  });
}
