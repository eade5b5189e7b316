import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { ensureChart } from './ensure-chart.ts';
import { requireCapability } from './require-capability.ts';

/** PP 55/2022: 0.5% of gross turnover; an individual's first Rp 500 juta a year is exempt, counted from January. */
export const PPH_FINAL_RATE_PER_MILLE = 5;
export const INDIVIDUAL_EXEMPTION = 500_000_000;
/** Turnover: goods and delivery charged, less returns and discounts; other income is not business turnover. */
const TURNOVER_ACCOUNTS = [ACCOUNTS.sales, ACCOUNTS.deliveryIncome, ACCOUNTS.salesReturns, ACCOUNTS.salesDiscounts];

export interface PphMonth {
  month: string;
  turnover: number;
  cumulative: number;
  exempt: number;
  taxable: number;
  tax: number;
}
export interface PphEstimate {
  year: number;
  taxpayerKind: '' | 'individual' | 'entity';
  exemptionApplied: boolean;
  ratePercent: number;
  months: PphMonth[];
  totalTurnover: number;
  totalTax: number;
  /** i18n keys (reports.pph.*) of the assumptions the estimate rests on; it is an estimate, not a tax assessment. */
  assumptions: string[];
}

/**
 * Estimated PPh Final UMKM for each month of a year from the ledger's monthly totals (revenue recognised on
 * delivery). Whole Rupiah, rounded down per month.
 */
export async function getPphEstimate(opts: { shopId: string; role: Role; year: number }): Promise<PphEstimate> {
  requireCapability(opts.role, 'reports.profit');
  if (!Number.isInteger(opts.year) || opts.year < 2018 || opts.year > 2100) throw new Invalid({ year: ['reports.yearInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const settings = await scope.tx
      .selectFrom('ledger_shops')
      .select('taxpayer_kind')
      .where('shop_id', '=', scope.shopId)
      .executeTakeFirst();
    const taxpayerKind = settings?.taxpayer_kind ?? '';
    const rows = await scope.tx
      .selectFrom('ledger_totals')
      .select(['period', 'debit', 'credit'])
      .where('shop_id', '=', scope.shopId)
      .where('grain', '=', 'm')
      .where('account_code', 'in', TURNOVER_ACCOUNTS)
      .where('period', '>=', `${opts.year}-01`)
      .where('period', '<=', `${opts.year}-12`)
      .execute();
    const byMonth = new Map<string, number>();
    for (const r of rows) byMonth.set(r.period, (byMonth.get(r.period) ?? 0) + Number(r.credit) - Number(r.debit));
    const exemptionApplied = taxpayerKind === 'individual';
    let cumulative = 0;
    const months: PphMonth[] = [];
    for (let m = 1; m <= 12; m++) {
      const month = `${opts.year}-${String(m).padStart(2, '0')}`;
      const turnover = Math.max(0, byMonth.get(month) ?? 0);
      const before = cumulative;
      cumulative += turnover;
      const taxable = exemptionApplied
        ? Math.max(0, cumulative - INDIVIDUAL_EXEMPTION) - Math.max(0, before - INDIVIDUAL_EXEMPTION)
        : turnover;
      months.push({
        month,
        turnover,
        cumulative,
        exempt: turnover - taxable,
        taxable,
        tax: Math.floor((taxable * PPH_FINAL_RATE_PER_MILLE) / 1000),
      });
    }
    const assumptions = [
      'reports.pph.assumeEstimate',
      'reports.pph.assumeTurnover',
      'reports.pph.assumeRate',
      exemptionApplied
        ? 'reports.pph.assumeExemption'
        : taxpayerKind === 'entity'
          ? 'reports.pph.assumeEntity'
          : 'reports.pph.assumeUnknownKind',
      'reports.pph.assumeLimits',
    ];
    return {
      year: opts.year,
      taxpayerKind,
      exemptionApplied,
      ratePercent: PPH_FINAL_RATE_PER_MILLE / 10,
      months,
      totalTurnover: cumulative,
      totalTax: months.reduce((s, m) => s + m.tax, 0),
      assumptions,
    };
  });
}
