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

export const drawingInput = z.object({
  amount: amountField,
  paidWith: moneyField,
  date: dateField,
  memo: memoField,
  idempotencyKey: keyField,
});
export type DrawingInput = z.output<typeof drawingInput>;

/** The owner takes money out for private use (prive): it reduces equity, never an expense (Prive / Kas|Bank). */
export async function recordDrawing(opts: { shopId: string; role: Role; userId: string; input: DrawingInput }): Promise<CashBookResult> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  return inShop(opts.shopId, (scope) =>
    writeCashBook(scope, {
      kind: 'drawing',
      key: input.idempotencyKey,
      date: input.date,
      account: ACCOUNTS.drawings,
      amount: input.amount,
      paidWith: input.paidWith,
      memo: input.memo || 'prive',
      userId: opts.userId,
      lines: [
        { account: ACCOUNTS.drawings, amount: input.amount },
        { account: moneyAccountOf(input.paidWith), amount: -input.amount },
      ],
    }),
  );
}
