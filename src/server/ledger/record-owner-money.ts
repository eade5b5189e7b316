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

export const ownerMoneyInput = z.object({
  amount: amountField,
  paidWith: moneyField,
  date: dateField,
  memo: memoField,
  idempotencyKey: keyField,
});
export type OwnerMoneyInput = z.output<typeof ownerMoneyInput>;

/**
 * Money between the owner and the business: capital put in (Kas|Bank / Modal Pemilik) or a private
 * withdrawal, prive (Prive / Kas|Bank), which reduces equity and is never an expense. Owner only.
 */
export async function recordOwnerMoney(opts: {
  shopId: string;
  role: Role;
  userId: string;
  direction: 'capital' | 'drawing';
  input: OwnerMoneyInput;
}): Promise<CashBookResult> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  const capital = opts.direction === 'capital';
  const account = capital ? ACCOUNTS.capital : ACCOUNTS.drawings;
  const money = moneyAccountOf(input.paidWith);
  return inShop(opts.shopId, (scope) =>
    writeCashBook(scope, {
      kind: opts.direction,
      key: input.idempotencyKey,
      date: input.date,
      account,
      amount: input.amount,
      paidWith: input.paidWith,
      memo: input.memo || (capital ? 'setoran modal' : 'prive'),
      userId: opts.userId,
      lines: [
        { account: capital ? money : account, amount: input.amount },
        { account: capital ? account : money, amount: -input.amount },
      ],
    }),
  );
}
