import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { requireCapability } from './require-capability.ts';
import {
  amountField,
  dateField,
  keyField,
  memoField,
  moneyAccountOf,
  moneyField,
  writeCashBook,
  type CashBookResult,
} from './cash-book.ts';

export const capitalInput = z.object({
  amount: amountField,
  paidWith: moneyField,
  date: dateField,
  memo: memoField,
  idempotencyKey: keyField,
});
export type CapitalInput = z.output<typeof capitalInput>;

/** The owner puts money into the business (Kas|Bank / Modal Pemilik). */
export async function recordCapital(opts: { shopId: string; role: Role; userId: string; input: CapitalInput }): Promise<CashBookResult> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  return inShop(opts.shopId, (scope) =>
    writeCashBook(scope, {
      kind: 'capital',
      key: input.idempotencyKey,
      date: input.date,
      account: ACCOUNTS.capital,
      amount: input.amount,
      paidWith: input.paidWith,
      memo: input.memo || 'setoran modal',
      userId: opts.userId,
      lines: [
        { account: moneyAccountOf(input.paidWith), amount: input.amount },
        { account: ACCOUNTS.capital, amount: -input.amount },
      ],
    }),
  );
}
