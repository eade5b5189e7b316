import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { recordAudit } from '../auth/audit.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { checkDay } from '../ledger/period-totals.ts';
import { shopDay } from '../ledger/ledger-day.ts';
import { matchPayout, PAYOUT_MATCH_DAYS } from './import-payouts.ts';
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
 * so a resubmitted form or a retried call posts once. A lump sum names no orders, so it is matched by
 * marketplace and amount: what exports already released for that marketplace within PAYOUT_MATCH_DAYS
 * days of its date, and not matched yet, is the same money and is not posted again (matchPayout); the
 * answer says how much that was (`matched`), and the form says the rule.
 */
export async function recordMarketplacePayout(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: PayoutInput;
}): Promise<{ recorded: boolean; entryId: string | null; day: string; matched: number; matchDays: number }> {
  requireCapability(opts.role, 'orders.manage');
  const { input } = opts;
  const dated = input.date ? checkDay('date', input.date) : undefined;
  const r = await inShop(opts.shopId, async (scope) => {
    const day = dated ?? (await shopDay(scope));
    const key = `payout:${input.marketplace}:${input.idempotencyKey}`;
    const done = await scope.tx
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', scope.shopId)
      .where('idem_key', '=', key)
      .executeTakeFirst();
    if (done) return { posted: false, entryId: null, day, matched: 0 };
    // Only what exports have not already posted for this marketplace near this day reaches the Bank now.
    const { toBank: amount, matched } = await matchPayout(scope, {
      marketplace: input.marketplace,
      source: 'manual',
      day,
      amount: input.amount,
    });
    const posted = await postEntry(scope, {
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
    return { ...posted, matched };
  });
  if (r.posted)
    await recordAudit({
      shopId: opts.shopId,
      userId: opts.userId,
      action: 'orders.marketplacePayout',
      details: { marketplace: input.marketplace, amount: input.amount, day: r.day, matched: r.matched },
    });
  return { recorded: r.posted, entryId: r.entryId, day: r.day, matched: r.matched, matchDays: PAYOUT_MATCH_DAYS };
}
