import type { Role } from '../auth/access.ts';
import { newId } from '../util.ts';
import { ACCOUNTS } from './chart-template.ts';
import { listAccounts, type AccountView } from './list-accounts.ts';
import { listCashBook, type CashBookEntryView } from './list-cash-book.ts';

export interface CashBookPage {
  entries: CashBookEntryView[];
  /** Expense accounts an expense may go to (the owner's own included; HPP, depreciation and count differences are posted by events). */
  expenseAccounts: AccountView[];
  /** What a purchase on credit may buy: those expenses, or materials and packaging kept in stock. */
  creditAccounts: AccountView[];
  /** A fresh key for the forms, so a resubmitted form records once. */
  formKey: string;
}

const POSTED_BY_EVENTS: string[] = [ACCOUNTS.cogs, ACCOUNTS.depreciation, ACCOUNTS.inventoryDifference];

/** The cash book page: the recent records and the accounts its forms offer. Owner only. */
export async function getCashBookPage(opts: { shopId: string; role: Role }): Promise<CashBookPage> {
  const { entries } = await listCashBook({ shopId: opts.shopId, role: opts.role, limit: 30 });
  const { accounts } = await listAccounts(opts);
  const expenseAccounts = accounts.filter((a) => a.type === 'expense' && !POSTED_BY_EVENTS.includes(a.code));
  const stocked = accounts.filter((a) => a.code === ACCOUNTS.materials || a.code === ACCOUNTS.packaging);
  return { entries, expenseAccounts, creditAccounts: [...stocked, ...expenseAccounts], formKey: `kas-${newId()}` };
}
