import { inShop } from '../tenant/index.ts';
import { NotFound, Conflict } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { postEntry } from './post-entry.ts';
import { isClosed } from './periods.ts';
import { requireCapability } from './require-capability.ts';
import { recordOrderSales } from './sales-totals.ts';

/**
 * A correction: entries are never changed or deleted, so a wrong one is undone by its mirror image,
 * posted today and pointing at the original. An entry is reversed at most once (its key says which).
 */
export async function reverseEntry(opts: {
  shopId: string;
  role: Role;
  userId: string | null;
  entryId: string;
  memo?: string;
}): Promise<{ entryId: string }> {
  requireCapability(opts.role, 'reports.profit');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const entry = await tx
      .selectFrom('journal_entries')
      .select(['id', 'memo', 'reverses_id', 'day', 'belongs_to', 'idem_key', 'source_type', 'source_id'])
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.entryId)
      .executeTakeFirst();
    if (!entry) throw new NotFound('ledger.entryNotFound');
    if (entry.reverses_id) throw new Conflict('ledger.entryIsReversal');
    const lines = await tx
      .selectFrom('journal_postings')
      .select(['account_code', 'amount'])
      .where('shop_id', '=', shopId)
      .where('entry_id', '=', entry.id)
      .orderBy('line_no')
      .execute();
    // Posted today; the correction of a closed month is marked as belonging to it.
    const month = entry.belongs_to ?? entry.day.slice(0, 7);
    const belongsTo = (await isClosed(scope, month)) ? month : null;
    const r = await postEntry(scope, {
      key: `reverse:${entry.id}`,
      belongsTo,
      source: { type: 'reversal', id: entry.id },
      reversesId: entry.id,
      createdBy: opts.userId,
      memo: opts.memo?.slice(0, 200) || `koreksi: ${entry.memo}`,
      lines: lines.map((l) => ({ account: l.account_code, amount: -Number(l.amount) })),
    });
    if (!r.posted) throw new Conflict('ledger.entryAlreadyReversed');
    // A reversed delivery is no longer a sale: the sales totals take it back on the reversal's day.
    if (entry.source_type === 'order' && entry.source_id && entry.idem_key === `order:${entry.source_id}:fulfilled`) {
      await recordOrderSales(scope, { orderId: entry.source_id, day: r.day, sign: -1 });
    }
    return { entryId: r.entryId! };
  });
}
