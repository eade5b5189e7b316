import { z } from 'zod';
import { sql } from 'kysely';
import { inShop, type ShopScope } from '../tenant/index.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { formatRupiah } from '#i18n/index.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry } from './post-entry.ts';
import { bookDay } from './periods.ts';
import { requireCapability } from './require-capability.ts';
import { amountField, dateField, keyField, moneyAccountOf, moneyField } from './cash-book.ts';

export const settleDebtInput = z.object({ amount: amountField, paidWith: moneyField, date: dateField, idempotencyKey: keyField });
export type SettleDebtInput = z.output<typeof settleDebtInput>;

/**
 * A payment on a receivable (Kas|Bank / Piutang Usaha) or of a payable (Utang Usaha / Kas|Bank), whole or
 * partial, never more than is outstanding. Keyed `debt:<id>:settle:<client key>`: a retried request
 * answers with the same state and posts nothing. Staff may record a customer paying; payables are the owner's.
 */
export async function settleDebt(opts: {
  shopId: string;
  role: Role;
  userId: string;
  debtId: string;
  input: SettleDebtInput;
}): Promise<{ recorded: boolean; outstanding: number }> {
  const { input } = opts;
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const d = await loadDebt(scope, opts.debtId);
    requireCapability(opts.role, d.kind === 'receivable' ? 'orders.manage' : 'reports.profit');
    const key = `debt:${d.id}:settle:${input.idempotencyKey}`;
    const seen = await tx
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('idem_key', '=', key)
      .executeTakeFirst();
    if (seen) return { recorded: false, outstanding: d.outstanding };
    if (d.outstanding <= 0) throw new Conflict('ledger.debtSettled');
    if (input.amount > d.outstanding)
      throw new Invalid({ amount: ['ledger.settleTooMuch'] }, 'ledger.settleTooMuch', { max: formatRupiah(d.outstanding) });
    const day = await bookDay(scope, 'date', input.date);
    const money = moneyAccountOf(input.paidWith);
    const lines =
      d.kind === 'receivable'
        ? [
            { account: money, amount: input.amount },
            { account: ACCOUNTS.receivable, amount: -input.amount },
          ]
        : [
            { account: ACCOUNTS.payable, amount: input.amount },
            { account: money, amount: -input.amount },
          ];
    const entry = await postEntry(scope, {
      key,
      source: { type: 'debt', id: d.id },
      day,
      createdBy: opts.userId,
      lines,
      memo: `${d.kind === 'receivable' ? 'pelunasan piutang' : 'pembayaran utang'}: ${d.party_name}`.slice(0, 200),
    });
    if (!entry.posted) return { recorded: false, outstanding: d.outstanding };
    // Guarded: two different settlements at once cannot together pay more than is outstanding.
    const r = await tx
      .updateTable('ledger_debts')
      .set({ settled: sql<number>`settled + ${input.amount}` })
      .where('shop_id', '=', shopId)
      .where('id', '=', d.id)
      .where(sql<boolean>`amount - settled - reduced >= ${input.amount}`)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Conflict('ledger.debtChanged');
    return { recorded: true, outstanding: d.outstanding - input.amount };
  });
}

export async function loadDebt(scope: ShopScope, debtId: string) {
  const d = await scope.tx
    .selectFrom('ledger_debts')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', debtId)
    .executeTakeFirst();
  if (!d) throw new NotFound('ledger.debtNotFound');
  return { ...d, outstanding: Number(d.amount) - Number(d.settled) - Number(d.reduced) };
}
