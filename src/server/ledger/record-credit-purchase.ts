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
  partyPhoneField,
  requireAccount,
  writeCashBook,
  type CashBookResult,
} from './cash-book.ts';

export const creditPurchaseInput = z.object({
  /** What was bought: an expense account, or Bahan Baku / Persediaan Kemasan (goods for sale go through stock-in). */
  account: z
    .string()
    .trim()
    .regex(/^\d{4}$/, { error: 'ledger.accountNotAllowed' }),
  amount: amountField,
  supplierName: z.string().trim().min(1, { error: 'validation.required' }).max(80),
  supplierPhone: partyPhoneField,
  dueDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null),
  date: dateField,
  memo: memoField,
  receiptMediaId: z.string().trim().min(1).max(64).nullable().optional(),
  idempotencyKey: keyField,
});
export type CreditPurchaseInput = z.output<typeof creditPurchaseInput>;

/** Bought now, paid later: the account bought / Utang Usaha, with a payable (hutang) and its due date. Owner only. */
export async function recordCreditPurchase(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: CreditPurchaseInput;
}): Promise<CashBookResult> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  return inShop(opts.shopId, async (scope) => {
    const allowedAssets = [ACCOUNTS.materials, ACCOUNTS.packaging];
    if (!allowedAssets.includes(input.account as (typeof allowedAssets)[number])) {
      await requireAccount(
        scope,
        'account',
        input.account,
        ['expense'],
        [ACCOUNTS.cogs, ACCOUNTS.depreciation, ACCOUNTS.inventoryDifference],
      );
    }
    return writeCashBook(scope, {
      kind: 'purchase_credit',
      key: input.idempotencyKey,
      date: input.date,
      account: input.account,
      amount: input.amount,
      paidWith: 'credit',
      memo: input.memo || `pembelian kredit: ${input.supplierName}`,
      receiptMediaId: input.receiptMediaId,
      userId: opts.userId,
      payable: { name: input.supplierName, phone: input.supplierPhone, dueDate: input.dueDate },
      lines: [
        { account: input.account, amount: input.amount },
        { account: ACCOUNTS.payable, amount: -input.amount },
      ],
    });
  });
}
