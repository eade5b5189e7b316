import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { newId, nowIso } from '../util.ts';
import { ACCOUNTS } from './chart-template.ts';
import { requireCapability } from './require-capability.ts';
import {
  amountField,
  dateField,
  keyField,
  memoField,
  moneyAccountOf,
  partyPhoneField,
  writeCashBook,
  type CashBookResult,
} from './cash-book.ts';

export const equipmentPurchaseInput = z
  .object({
    name: z.string().trim().min(1, { error: 'validation.required' }).max(80),
    cost: amountField,
    /** What it is expected to be worth at the end of its life (nilai sisa); 0 by default. */
    salvage: z
      .number({ error: 'ledger.amountInvalid' })
      .int({ error: 'ledger.amountInvalid' })
      .min(0, { error: 'ledger.amountInvalid' })
      .default(0),
    lifeMonths: z
      .number({ error: 'ledger.lifeInvalid' })
      .int({ error: 'ledger.lifeInvalid' })
      .min(1, { error: 'ledger.lifeInvalid' })
      .max(600, { error: 'ledger.lifeInvalid' }),
    paidWith: z.enum(['cash', 'bank', 'credit'], { error: 'validation.choice' }),
    supplierName: z.string().trim().max(80).default(''),
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
  })
  .superRefine((v, ctx) => {
    if (v.salvage >= v.cost) ctx.addIssue({ code: 'custom', path: ['salvage'], message: 'ledger.salvageInvalid' });
    if (v.paidWith === 'credit' && !v.supplierName)
      ctx.addIssue({ code: 'custom', path: ['supplierName'], message: 'validation.required' });
  });
export type EquipmentPurchaseInput = z.output<typeof equipmentPurchaseInput>;

/**
 * Equipment bought (Peralatan / Kas|Bank|Utang Usaha), kept as a fixed asset depreciated straight-line
 * from the month of purchase over its life (depreciation.ts: each month once, posted by the next cash-book entry or month close after it ends). Owner only.
 */
export async function recordEquipmentPurchase(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: EquipmentPurchaseInput;
}): Promise<CashBookResult & { assetId: string | null }> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  if (input.salvage >= input.cost) throw new Invalid({ salvage: ['ledger.salvageInvalid'] });
  let assetId: string | null = null;
  const credit = input.paidWith === 'credit' ? ACCOUNTS.payable : moneyAccountOf(input.paidWith);
  return inShop(opts.shopId, async (scope) => {
    const r = await writeCashBook(scope, {
      kind: 'equipment',
      key: input.idempotencyKey,
      date: input.date,
      account: ACCOUNTS.equipment,
      amount: input.cost,
      paidWith: input.paidWith,
      memo: input.memo || `peralatan: ${input.name}`,
      partyName: input.supplierName,
      receiptMediaId: input.receiptMediaId,
      userId: opts.userId,
      payable: input.paidWith === 'credit' ? { name: input.supplierName, phone: input.supplierPhone, dueDate: input.dueDate } : null,
      lines: [
        { account: ACCOUNTS.equipment, amount: input.cost },
        { account: credit, amount: -input.cost },
      ],
      after: async (cashBookId, day) => {
        assetId = newId();
        await scope.tx
          .insertInto('fixed_assets')
          .values({
            shop_id: scope.shopId,
            id: assetId,
            name: input.name,
            cost: input.cost,
            salvage: input.salvage,
            life_months: input.lifeMonths,
            start_month: day.slice(0, 7),
            cash_book_id: cashBookId,
            created_at: nowIso(),
          })
          .execute();
      },
    });
    if (!r.recorded) {
      const a = await scope.tx
        .selectFrom('fixed_assets')
        .select('id')
        .where('shop_id', '=', scope.shopId)
        .where('cash_book_id', '=', r.id)
        .executeTakeFirst();
      assetId = a?.id ?? null;
    }
    return { ...r, assetId };
  });
}
