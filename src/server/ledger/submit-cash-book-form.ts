import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { byAction } from '../http/page.ts';
import type { CashBookResult } from './cash-book.ts';
import { recordOwnerMoney, ownerMoneyInput } from './record-owner-money.ts';
import { recordExpense, expenseInput } from './record-expense.ts';

/** The cash book page's forms (expense, capital, prive): typed Rupiah as whole numbers, then the record use case. */
export async function submitCashBookForm(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  form: FormData;
  fields: Record<string, unknown>;
}): Promise<CashBookResult> {
  const raw = String(opts.fields.amount ?? '').replace(/[.\s]/g, '');
  const data = { ...opts.fields, amount: /^\d{1,13}$/.test(raw) ? Number(raw) : raw };
  const base = { shopId: opts.shopId, role: opts.role, userId: opts.userId };
  return byAction(opts.form, {
    expense: () => recordExpense({ ...base, input: parseInput(expenseInput, data, opts.locale) }),
    capital: () => recordOwnerMoney({ ...base, direction: 'capital', input: parseInput(ownerMoneyInput, data, opts.locale) }),
    drawing: () => recordOwnerMoney({ ...base, direction: 'drawing', input: parseInput(ownerMoneyInput, data, opts.locale) }),
  });
}
