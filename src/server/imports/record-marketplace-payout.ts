import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { recordAudit } from '../auth/audit.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { checkDay } from '../ledger/period-totals.ts';
import { shopDay } from '../ledger/ledger-day.ts';
import { bookPayoutDay } from './import-payouts.ts';
import { amountField, dateField, keyField, memoField, moneyAccountOf, moneyField } from '../ledger/cash-book.ts';
import { marketplaceField } from './schemas.ts';

export const payoutInput = z.object({
  marketplace: marketplaceField,
  amount: amountField,
  date: dateField,
  paidWith: moneyField.default('bank'),
  memo: memoField,
  idempotencyKey: keyField,
});
export type PayoutInput = z.output<typeof payoutInput>;

/**
 * The marketplace paid out what it owed (its fees were taken as Beban Marketplace when each order was
 * completed): Bank (or Kas) / Piutang Marketplace on the payout's date. The key comes from the request,
 * so a resubmitted form or a retried call posts once; what an imported export already released for that
 * marketplace and day is not posted again (bookPayoutDay).
 */
export async function recordMarketplacePayout(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: PayoutInput;
}): Promise<{ recorded: boolean; entryId: string | null; day: string }> {
  requireCapability(opts.role, 'orders.manage');
  const { input } = opts;
  const dated = input.date ? checkDay('date', input.date) : undefined;
  const r = await inShop(opts.shopId, async (scope) => {
    const day = dated ?? (await shopDay(scope));
    const key = `payout:${input.marketplace}:${input.idempotencyKey}`;
    // Holds the day's row first, so a resubmitted form and an import of the same day take turns.
    await bookPayoutDay(scope, input.marketplace, day, {});
    const done = await scope.tx
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', scope.shopId)
      .where('idem_key', '=', key)
      .executeTakeFirst();
    if (done) return { posted: false, entryId: null, day };
    // Only what exports have not already posted for this marketplace and day reaches the Bank now.
    const amount = await bookPayoutDay(scope, input.marketplace, day, { manual: input.amount });
    return postEntry(scope, {
      key,
      source: { type: 'marketplace_payout', id: input.marketplace },
      memo: input.memo || `pencairan dana ${input.marketplace}`,
      createdBy: opts.userId,
      day,
      lines: [
        { account: moneyAccountOf(input.paidWith), amount },
        { account: ACCOUNTS.marketplaceReceivable, amount: -amount },
      ],
    });
  });
  if (r.posted)
    await recordAudit({
      shopId: opts.shopId,
      userId: opts.userId,
      action: 'orders.marketplacePayout',
      details: { marketplace: input.marketplace, amount: input.amount, day: r.day },
    });
  return { recorded: r.posted, entryId: r.entryId, day: r.day };
}
