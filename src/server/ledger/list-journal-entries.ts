import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { checkPeriod } from './report-period.ts';
import { requireCapability } from './require-capability.ts';

export interface JournalEntryView {
  id: string;
  day: string;
  memo: string;
  sourceType: string;
  sourceId: string | null;
  reversesId: string | null;
  belongsTo: string | null;
  createdAt: string;
  /** The order's code when the source is an order (its page links by code). */
  orderCode: string | null;
  /** Debit positive, credit negative, whole Rupiah. */
  lines: { account: string; amount: number }[];
}

/** The journal of a period, newest first; `before` (an entry's created_at) pages back. The owner's: postings show costs. */
export async function listJournalEntries(opts: {
  shopId: string;
  role: Role;
  from: string;
  to: string;
  before?: string | null;
  limit?: number;
}): Promise<{ entries: JournalEntryView[]; nextBefore: string | null }> {
  requireCapability(opts.role, 'reports.profit');
  const { from, to } = checkPeriod(opts);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    let q = tx
      .selectFrom('journal_entries as e')
      .leftJoin('orders as o', (j) =>
        j.onRef('o.shop_id', '=', 'e.shop_id').onRef('o.id', '=', 'e.source_id').on('e.source_type', '=', 'order'),
      )
      .select(['e.id', 'e.day', 'e.memo', 'e.source_type', 'e.source_id', 'e.reverses_id', 'e.belongs_to', 'e.created_at', 'o.code'])
      .where('e.shop_id', '=', shopId)
      .where('e.day', '>=', from)
      .where('e.day', '<=', to);
    if (opts.before) q = q.where('e.created_at', '<', opts.before);
    const rows = await q
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const postings = page.length
      ? await tx
          .selectFrom('journal_postings')
          .select(['entry_id', 'account_code', 'amount'])
          .where('shop_id', '=', shopId)
          .where(
            'entry_id',
            'in',
            page.map((r) => r.id),
          )
          .orderBy('entry_id')
          .orderBy('line_no')
          .execute()
      : [];
    return {
      entries: page.map((r) => ({
        id: r.id,
        day: r.day,
        memo: r.memo,
        sourceType: r.source_type,
        sourceId: r.source_id,
        reversesId: r.reverses_id,
        belongsTo: r.belongs_to,
        createdAt: r.created_at,
        orderCode: r.code,
        lines: postings.filter((p) => p.entry_id === r.id).map((p) => ({ account: p.account_code, amount: Number(p.amount) })),
      })),
      nextBefore: rows.length > limit ? page[limit - 1]!.created_at : null,
    };
  });
}
