import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { settleDebt, settleDebtInput } from './settle-debt.ts';

/** The settlement form of the hutang piutang page: typed Rupiah as whole numbers, then settleDebt. */
export async function submitSettleDebtForm(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  form: Record<string, unknown>;
}): Promise<{ recorded: boolean; outstanding: number }> {
  const { form } = opts;
  const raw = String(form.amount ?? '').replace(/[.\s]/g, '');
  const input = parseInput(settleDebtInput, { ...form, amount: /^\d{1,13}$/.test(raw) ? Number(raw) : raw }, opts.locale);
  return settleDebt({ shopId: opts.shopId, role: opts.role, userId: opts.userId, debtId: String(form.debtId ?? ''), input });
}
