import { lockShop, type ShopScope } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import { checkDay } from './period-totals.ts';
import { shopDay } from './ledger-day.ts';

/**
 * Whether the owner closed this month (YYYY-MM) of the shop's books. The shop's row stays locked until the
 * caller commits, so a month close waits for the posting that found its month open (close-month.ts).
 */
export async function isClosed(scope: ShopScope, month: string): Promise<boolean> {
  await lockShop(scope);
  const r = await scope.tx
    .selectFrom('ledger_periods')
    .select('month')
    .where('shop_id', '=', scope.shopId)
    .where('month', '=', month)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * The book day of a record the user dates (cash book, settlements): today when none is given; a valid
 * YYYY-MM-DD not after today otherwise. Whether its month is closed is postEntry's decision.
 */
export async function bookDay(scope: ShopScope, field: string, date: string | null | undefined): Promise<string> {
  const today = await shopDay(scope);
  if (!date) return today;
  checkDay(field, date);
  if (date > today) throw new Invalid({ [field]: ['ledger.dateInFuture'] });
  return date;
}
