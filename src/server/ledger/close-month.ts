import { z } from 'zod';
import { inShop, lockShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { nowIso } from '../util.ts';
import { shopDay } from './ledger-day.ts';
import { catchUpDepreciation, MONTH } from './depreciation.ts';
import { requireCapability } from './require-capability.ts';

export const closeMonthInput = z.object({ month: z.string().trim().regex(MONTH, { error: 'ledger.monthInvalid' }) });

/**
 * Month close (tutup buku): the month's books are locked. An entry dated into it is refused
 * (409 ledger.periodClosed); a correction of it (a reversal, a late depreciation) posts into the open
 * month, marked as belonging to the closed one (journal_entries.belongs_to), so the closed month's
 * reports never change. The month's depreciation still due is posted first. Only a month that has ended can be closed, so today's postings are always open.
 */
export async function closeMonth(opts: {
  shopId: string;
  role: Role;
  userId: string;
  month: string;
}): Promise<{ closed: boolean; month: string }> {
  requireCapability(opts.role, 'reports.profit');
  if (!MONTH.test(opts.month)) throw new Invalid({ month: ['ledger.monthInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    // After every posting that found this month open has committed; a posting that checks later sees it closed.
    await lockShop(scope);
    const today = await shopDay(scope);
    if (opts.month >= today.slice(0, 7)) throw new Invalid({ month: ['ledger.monthNotOver'] });
    // The month's depreciation belongs in it: posted before the lock, in the same transaction.
    await catchUpDepreciation(scope, opts.month, opts.userId);
    const r = await scope.tx
      .insertInto('ledger_periods')
      .values({ shop_id: scope.shopId, month: opts.month, closed_at: nowIso(), closed_by: opts.userId })
      .onConflict((oc) => oc.columns(['shop_id', 'month']).doNothing())
      .returning('month')
      .executeTakeFirst();
    return { closed: r !== undefined, month: opts.month };
  });
}
