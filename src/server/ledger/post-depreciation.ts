import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry } from './post-entry.ts';
import { shopDay } from './ledger-day.ts';
import { requireCapability } from './require-capability.ts';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const depreciationInput = z.object({ month: z.string().trim().regex(MONTH, { error: 'ledger.monthInvalid' }) });

/** Months from a to b (YYYY-MM), b - a. */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

export function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4)),
    m = Number(month.slice(5, 7));
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Straight-line share of month number i (0-based) of an asset's life; the last month takes the rounding rest. */
export function depreciationOf(a: { cost: number; salvage: number; life_months: number }, i: number): number {
  const base = a.cost - a.salvage;
  const each = Math.floor(base / a.life_months);
  if (i < 0 || i >= a.life_months) return 0;
  return i === a.life_months - 1 ? base - each * (a.life_months - 1) : each;
}

/**
 * The month's depreciation of every fixed asset (Beban Penyusutan / Akumulasi Penyusutan), one entry per
 * asset and month keyed `depreciation:<asset>:<month>`: posting a month again changes nothing. Dated the
 * month's last day (today for the running month); for a closed month it posts today, marked as belonging
 * to it. Owner only.
 */
export async function postDepreciation(opts: {
  shopId: string;
  role: Role;
  userId: string | null;
  month: string;
}): Promise<{ posted: number; amount: number }> {
  requireCapability(opts.role, 'reports.profit');
  if (!MONTH.test(opts.month)) throw new Invalid({ month: ['ledger.monthInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    const today = await shopDay(scope);
    if (opts.month > today.slice(0, 7)) throw new Invalid({ month: ['ledger.monthNotStarted'] });
    const day = opts.month === today.slice(0, 7) ? today : lastDayOf(opts.month);
    const assets = await scope.tx
      .selectFrom('fixed_assets')
      .select(['id', 'name', 'cost', 'salvage', 'life_months', 'start_month'])
      .where('shop_id', '=', scope.shopId)
      .where('start_month', '<=', opts.month)
      .orderBy('id')
      .execute();
    let posted = 0,
      amount = 0;
    for (const a of assets) {
      const share = depreciationOf(
        { cost: Number(a.cost), salvage: Number(a.salvage), life_months: a.life_months },
        monthsBetween(a.start_month, opts.month),
      );
      if (share <= 0) continue;
      const r = await postEntry(scope, {
        key: `depreciation:${a.id}:${opts.month}`,
        source: { type: 'depreciation', id: a.id },
        day,
        correction: true,
        createdBy: opts.userId,
        memo: `penyusutan ${a.name} ${opts.month}`,
        lines: [
          { account: ACCOUNTS.depreciation, amount: share },
          { account: ACCOUNTS.accumulatedDepreciation, amount: -share },
        ],
      });
      if (r.posted) {
        posted++;
        amount += share;
      }
    }
    return { posted, amount };
  });
}
