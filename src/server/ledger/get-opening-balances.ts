import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { requireCapability } from './require-capability.ts';
import { standingOpening } from './opening-entry.ts';

export interface OpeningBalancesView {
  entryId: string;
  date: string;
  cash: number;
  bank: number;
  receivables: number;
  inventory: number;
  equipment: number;
  payables: number;
  capital: number;
  /** The named receivables and payables it opened, in the order entered. */
  debts: { kind: 'receivable' | 'payable'; name: string; phone: string | null; amount: number; dueDate: string | null }[];
}

/** The standing opening entry (saldo awal), its lines by account; null when none was posted. Owner only. */
export async function getOpeningBalances(opts: { shopId: string; role: Role }): Promise<{ opening: OpeningBalancesView | null }> {
  requireCapability(opts.role, 'reports.profit');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const e = await standingOpening(scope);
    if (!e) return { opening: null };
    const lines = await tx
      .selectFrom('journal_postings')
      .select(['account_code', 'amount'])
      .where('shop_id', '=', shopId)
      .where('entry_id', '=', e.id)
      .execute();
    const debts = await tx
      .selectFrom('ledger_debts')
      .select(['kind', 'party_name', 'party_phone', 'amount', 'due_date'])
      .where('shop_id', '=', shopId)
      .where('entry_id', '=', e.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const of = (code: string) => lines.filter((l) => l.account_code === code).reduce((s, l) => s + Number(l.amount), 0);
    return {
      opening: {
        entryId: e.id,
        date: e.day,
        cash: of(ACCOUNTS.cash),
        bank: of(ACCOUNTS.bank),
        receivables: of(ACCOUNTS.receivable),
        inventory: of(ACCOUNTS.inventory),
        equipment: of(ACCOUNTS.equipment),
        payables: -of(ACCOUNTS.payable),
        capital: -of(ACCOUNTS.capital),
        debts: debts.map((d) => ({
          kind: d.kind,
          name: d.party_name,
          phone: d.party_phone,
          amount: Number(d.amount),
          dueDate: d.due_date,
        })),
      },
    };
  });
}
