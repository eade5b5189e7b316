import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { byAction } from '../http/page.ts';
import type { CashBookResult } from './cash-book.ts';
import { recordCapital, capitalInput } from './record-capital.ts';
import { recordDrawing, drawingInput } from './record-drawing.ts';
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
    capital: () => recordCapital({ ...base, input: parseInput(capitalInput, data, opts.locale) }),
    drawing: () => recordDrawing({ ...base, input: parseInput(drawingInput, data, opts.locale) }),
  });
}
