import { roleHas, type Role } from '../auth/access.ts';
import { newId } from '../util.ts';
import { getDebtReminder } from './get-debt-reminder.ts';
import { listDebts, type DebtRow } from './list-debts.ts';

export interface DebtsPage {
  receivables: { debts: DebtRow[]; totalOutstanding: number };
  /** The owner's purchases on credit; null for staff, who collect receivables only. */
  payables: { debts: DebtRow[]; totalOutstanding: number } | null;
  /** The WhatsApp reminder asked for with ?ingatkan=<debt id>. */
  reminder: { debtId: string; url: string; text: string } | null;
  /** A fresh key for each settlement form, so a resubmitted form records the payment once. */
  formKey: string;
}

/** Hutang piutang page: open receivables (and payables for the owner), with a reminder link on request. */
export async function getDebtsPage(opts: { shopId: string; role: Role; remindId?: string | null }): Promise<DebtsPage> {
  const receivables = await listDebts({ shopId: opts.shopId, role: opts.role, kind: 'receivable' });
  const payables = roleHas(opts.role, 'reports.profit') ? await listDebts({ shopId: opts.shopId, role: opts.role, kind: 'payable' }) : null;
  const reminder = opts.remindId
    ? { debtId: opts.remindId, ...(await getDebtReminder({ shopId: opts.shopId, role: opts.role, debtId: opts.remindId })) }
    : null;
  return { receivables, payables, reminder, formKey: `page-${newId()}` };
}
