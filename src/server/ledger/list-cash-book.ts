import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import type { CashBookKind } from '../db/schema.ts';
import { requireCapability } from './require-capability.ts';

export interface CashBookEntryView {
  id: string;
  kind: CashBookKind;
  day: string;
  accountCode: string;
  accountNameId: string;
  accountNameEn: string;
  amount: number;
  paidWith: 'cash' | 'bank' | 'credit';
  partyName: string;
  memo: string;
  entryId: string;
  debtId: string | null;
  receiptMediaId: string | null;
  /** The reversing entry, when the record was reversed. */
  reversalId: string | null;
  createdAt: string;
}

/** The cash book's recent records, newest first, each with whether it was reversed. Owner only (costs). */
export async function listCashBook(opts: {
  shopId: string;
  role: Role;
  before?: string | null;
  limit?: number;
}): Promise<{ entries: CashBookEntryView[]; nextBefore: string | null }> {
  requireCapability(opts.role, 'reports.profit');
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 200);
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    let q = tx
      .selectFrom('cash_book as c')
      .leftJoin('ledger_accounts as a', (j) => j.onRef('a.shop_id', '=', 'c.shop_id').onRef('a.code', '=', 'c.account_code'))
      .leftJoin('journal_entries as r', (j) => j.onRef('r.shop_id', '=', 'c.shop_id').onRef('r.reverses_id', '=', 'c.entry_id'))
      .select([
        'c.id',
        'c.kind',
        'c.day',
        'c.account_code',
        'a.name_id',
        'a.name_en',
        'c.amount',
        'c.paid_with',
        'c.party_name',
        'c.memo',
        'c.entry_id',
        'c.debt_id',
        'c.receipt_media_id',
        'r.id as reversal_id',
        'c.created_at',
      ])
      .where('c.shop_id', '=', shopId);
    if (opts.before) q = q.where('c.created_at', '<', opts.before);
    const rows = await q
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        id: r.id,
        kind: r.kind,
        day: r.day,
        accountCode: r.account_code,
        accountNameId: r.name_id ?? r.account_code,
        accountNameEn: r.name_en ?? r.account_code,
        amount: Number(r.amount),
        paidWith: r.paid_with,
        partyName: r.party_name,
        memo: r.memo,
        entryId: r.entry_id,
        debtId: r.debt_id,
        receiptMediaId: r.receipt_media_id,
        reversalId: r.reversal_id,
        createdAt: r.created_at,
      })),
      nextBefore: rows.length > limit ? page[limit - 1]!.created_at : null,
    };
  });
}
