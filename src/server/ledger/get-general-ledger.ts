import { inShop } from '../tenant/index.ts';
import { Invalid, NotFound } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ensureChart } from './ensure-chart.ts';
import { checkDay, signed, totalsBetween } from './period-totals.ts';
import { requireCapability } from './require-capability.ts';

export interface LedgerLine {
  day: string;
  entryId: string;
  memo: string;
  debit: number;
  credit: number;
  balance: number;
}
export interface GeneralLedger {
  code: string;
  nameId: string;
  nameEn: string;
  from: string;
  to: string;
  opening: number;
  lines: LedgerLine[];
  closing: number;
  truncated: boolean;
}

const DAY_BEFORE = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Buku besar of one account for from..to: the opening balance from the totals, then its postings (at most `limit`). */
export async function getGeneralLedger(opts: {
  shopId: string;
  role: Role;
  account: string;
  from: string;
  to: string;
  limit?: number;
}): Promise<GeneralLedger> {
  requireCapability(opts.role, 'reports.profit');
  const from = checkDay('from', opts.from);
  const to = checkDay('to', opts.to);
  if (from > to) throw new Invalid({ from: ['ledger.periodInvalid'] });
  const limit = Math.min(Math.max(opts.limit ?? 1000, 1), 5000);
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const { tx, shopId } = scope;
    const account = await tx
      .selectFrom('ledger_accounts')
      .select(['code', 'name_id', 'name_en'])
      .where('shop_id', '=', shopId)
      .where('code', '=', opts.account)
      .executeTakeFirst();
    if (!account) throw new NotFound('ledger.accountNotFound');
    const opening = signed((await totalsBetween(scope, null, DAY_BEFORE(from))).get(account.code));
    const rows = await tx
      .selectFrom('journal_postings')
      .innerJoin('journal_entries', (j) =>
        j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
      )
      .select(['journal_postings.day', 'journal_postings.entry_id', 'journal_postings.amount', 'journal_entries.memo'])
      .where('journal_postings.shop_id', '=', shopId)
      .where('journal_postings.account_code', '=', account.code)
      .where('journal_postings.day', '>=', from)
      .where('journal_postings.day', '<=', to)
      .orderBy('journal_postings.day')
      .orderBy('journal_entries.created_at')
      .orderBy('journal_postings.line_no')
      .limit(limit + 1)
      .execute();
    let balance = opening;
    const lines = rows.slice(0, limit).map((r) => {
      balance += Number(r.amount);
      return {
        day: r.day,
        entryId: r.entry_id,
        memo: r.memo,
        debit: r.amount > 0 ? Number(r.amount) : 0,
        credit: r.amount < 0 ? -Number(r.amount) : 0,
        balance,
      };
    });
    const closing = rows.length > limit ? opening + signed((await totalsBetween(scope, from, to)).get(account.code)) : balance;
    return {
      code: account.code,
      nameId: account.name_id,
      nameEn: account.name_en,
      from,
      to,
      opening,
      lines,
      closing,
      truncated: rows.length > limit,
    };
  });
}
