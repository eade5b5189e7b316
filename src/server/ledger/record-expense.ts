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
  partyField,
  requireAccount,
  writeCashBook,
  type CashBookResult,
} from './cash-book.ts';

export const expenseInput = z.object({
  /** An expense account of the chart (5xxx; not HPP or depreciation, which other events post). */
  account: z
    .string()
    .trim()
    .regex(/^\d{4}$/, { error: 'ledger.accountNotAllowed' }),
  amount: amountField,
  paidWith: moneyField,
  date: dateField,
  memo: memoField,
  partyName: partyField,
  /** A receipt photo already stored by the image pipeline (purpose 'receipt'). */
  receiptMediaId: z.string().trim().min(1).max(64).nullable().optional(),
  idempotencyKey: keyField,
});
export type ExpenseInput = z.output<typeof expenseInput>;

/** An expense paid from Kas or Bank, by category (Beban x / Kas|Bank). Owner only. */
export async function recordExpense(opts: { shopId: string; role: Role; userId: string; input: ExpenseInput }): Promise<CashBookResult> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  return inShop(opts.shopId, async (scope) => {
    await requireAccount(
      scope,
      'account',
      input.account,
      ['expense'],
      [ACCOUNTS.cogs, ACCOUNTS.depreciation, ACCOUNTS.inventoryDifference],
    );
    return writeCashBook(scope, {
      kind: 'expense',
      key: input.idempotencyKey,
      date: input.date,
      account: input.account,
      amount: input.amount,
      paidWith: input.paidWith,
      memo: input.memo || 'beban',
      partyName: input.partyName,
      receiptMediaId: input.receiptMediaId,
      userId: opts.userId,
      lines: [
        { account: input.account, amount: input.amount },
        { account: moneyAccountOf(input.paidWith), amount: -input.amount },
      ],
    });
  });
}
