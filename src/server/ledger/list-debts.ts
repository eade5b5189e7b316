import { z } from 'zod';
import { sql } from 'kysely';
import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import type { DebtKind } from '../db/schema.ts';
import { shopDay } from './ledger-day.ts';
import { requireCapability } from './require-capability.ts';

export const listDebtsInput = z.object({
  kind: z.enum(['receivable', 'payable'], { error: 'validation.choice' }),
  /** false: settled ones too. */
  openOnly: z.boolean().default(true),
});

export interface DebtRow {
  id: string;
  kind: DebtKind;
  partyName: string;
  partyPhone: string | null;
  orderCode: string | null;
  memo: string;
  amount: number;
  settled: number;
  reduced: number;
  outstanding: number;
  dueDate: string | null;
  overdue: boolean;
  createdAt: string;
}

/**
 * Hutang piutang: receivables (customers' credit sales; staff collect them) or payables (the owner's
 * purchases on credit), earliest due first (no due date last), with what is still outstanding.
 */
export async function listDebts(opts: {
  shopId: string;
  role: Role;
  kind: DebtKind;
  openOnly?: boolean;
}): Promise<{ debts: DebtRow[]; totalOutstanding: number }> {
  requireCapability(opts.role, opts.kind === 'receivable' ? 'orders.manage' : 'reports.profit');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const today = await shopDay(scope);
    const rows = await tx
      .selectFrom('ledger_debts')
      .leftJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'ledger_debts.shop_id').onRef('orders.id', '=', 'ledger_debts.order_id'))
      .select([
        'ledger_debts.id',
        'ledger_debts.kind',
        'ledger_debts.party_name',
        'ledger_debts.party_phone',
        'ledger_debts.memo',
        'ledger_debts.amount',
        'ledger_debts.settled',
        'ledger_debts.reduced',
        'ledger_debts.due_date',
        'ledger_debts.created_at',
        'orders.code',
      ])
      .where('ledger_debts.shop_id', '=', shopId)
      .where('ledger_debts.kind', '=', opts.kind)
      .orderBy(sql`case when ledger_debts.due_date is null then 1 else 0 end`)
      .orderBy('ledger_debts.due_date')
      .orderBy('ledger_debts.created_at')
      .limit(1000)
      .execute();
    const debts = rows
      .map((r) => {
        const outstanding = Number(r.amount) - Number(r.settled) - Number(r.reduced);
        return {
          id: r.id,
          kind: r.kind,
          partyName: r.party_name,
          partyPhone: r.party_phone,
          orderCode: r.code,
          memo: r.memo,
          amount: Number(r.amount),
          settled: Number(r.settled),
          reduced: Number(r.reduced),
          outstanding,
          dueDate: r.due_date,
          overdue: outstanding > 0 && !!r.due_date && r.due_date < today,
          createdAt: r.created_at,
        };
      })
      .filter((d) => !(opts.openOnly ?? true) || d.outstanding > 0);
    return { debts, totalOutstanding: debts.reduce((s, d) => s + d.outstanding, 0) };
  });
}
