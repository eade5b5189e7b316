import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { shopDay } from './ledger-day.ts';
import { requireCapability } from './require-capability.ts';
import { depreciateMonth, lastDayOf, MONTH } from './depreciation.ts';

export const depreciationInput = z.object({ month: z.string().trim().regex(MONTH, { error: 'ledger.monthInvalid' }) });

/**
 * The month's depreciation of every fixed asset in use, posted now: ended months are also posted by the
 * next cash-book entry or month close (depreciation.ts), the running month only by this (dated today).
 * Each asset-month posts once. Owner only.
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
      .where('stopped_at', 'is', null)
      .orderBy('id')
      .execute();
    let posted = 0,
      amount = 0;
    for (const a of assets) {
      const share = await depreciateMonth(scope, a, opts.month, day, opts.userId);
      if (share > 0) {
        posted++;
        amount += share;
      }
    }
    return { posted, amount };
  });
}
