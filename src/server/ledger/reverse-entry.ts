import { inShop, type ShopScope } from '../tenant/index.ts';
import { NotFound, Conflict } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { nowIso } from '../util.ts';
import { postEntry } from './post-entry.ts';
import { isClosed } from './periods.ts';
import { requireCapability } from './require-capability.ts';
import { recordOrderSales } from './sales-totals.ts';
import { cancelEntryDebts } from './cash-book.ts';

/**
 * A correction: entries are never changed or deleted, so a wrong one is undone by its mirror image,
 * posted today and pointing at the original. An entry is reversed at most once (its key says which).
 * A reversed cash-book record takes what hangs on it along: its payable is cancelled (refused once part
 * of it is paid: that payment would be left without a debt) and an equipment purchase stops depreciating,
 * its depreciation so far reversed too. A stock-in on credit and an opening entry cancel their debts the same way.
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
    const entry = await scope.tx
      .selectFrom('journal_entries')
      .select(['id', 'memo', 'reverses_id', 'day', 'belongs_to', 'idem_key', 'source_type', 'source_id'])
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', opts.entryId)
      .executeTakeFirst();
    if (!entry) throw new NotFound('ledger.entryNotFound');
    if (entry.reverses_id) throw new Conflict('ledger.entryIsReversal');
    const r = await mirror(scope, entry, opts.userId, opts.memo);
    if (!r) throw new Conflict('ledger.entryAlreadyReversed');
    // A reversed delivery is no longer a sale: the sales totals take it back on the reversal's day.
    if (entry.source_type === 'order' && entry.source_id && entry.idem_key === `order:${entry.source_id}:fulfilled`) {
      await recordOrderSales(scope, { orderId: entry.source_id, day: r.day, sign: -1 });
    }
    if (entry.source_type === 'cash_book' && entry.source_id) await undoCashBook(scope, entry.source_id, opts.userId);
    if (entry.source_type === 'stock' || entry.source_type === 'opening_balance')
      await cancelEntryDebts(scope, entry.id, 'ledger.payablePartlyPaid');
    return { entryId: r.entryId };
  });
}

/** Post the mirror image of an entry; null when it was reversed already. */
async function mirror(
  scope: ShopScope,
  entry: { id: string; memo: string; day: string; belongs_to: string | null },
  userId: string | null,
  memo?: string,
): Promise<{ entryId: string; day: string } | null> {
  const lines = await scope.tx
    .selectFrom('journal_postings')
    .select(['account_code', 'amount'])
    .where('shop_id', '=', scope.shopId)
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
    createdBy: userId,
    memo: memo?.slice(0, 200) || `koreksi: ${entry.memo}`,
    lines: lines.map((l) => ({ account: l.account_code, amount: -Number(l.amount) })),
  });
  return r.posted ? { entryId: r.entryId!, day: r.day } : null;
}

async function undoCashBook(scope: ShopScope, cashBookId: string, userId: string | null): Promise<void> {
  const { tx, shopId } = scope;
  const row = await tx
    .selectFrom('cash_book')
    .select(['kind', 'debt_id'])
    .where('shop_id', '=', shopId)
    .where('id', '=', cashBookId)
    .executeTakeFirst();
  if (!row) return;
  if (row.debt_id) {
    const debt = await tx
      .updateTable('ledger_debts')
      .set((eb) => ({ reduced: eb('amount', '-', eb.ref('settled')) }))
      .where('shop_id', '=', shopId)
      .where('id', '=', row.debt_id)
      .where('settled', '=', 0)
      .returning('id')
      .executeTakeFirst();
    if (!debt) throw new Conflict('ledger.payablePartlyPaid');
  }
  if (row.kind !== 'equipment') return;
  const asset = await tx
    .updateTable('fixed_assets')
    .set({ stopped_at: nowIso() })
    .where('shop_id', '=', shopId)
    .where('cash_book_id', '=', cashBookId)
    .returning('id')
    .executeTakeFirst();
  if (!asset) return;
  const posted = await tx
    .selectFrom('journal_entries')
    .select(['id', 'memo', 'day', 'belongs_to'])
    .where('shop_id', '=', shopId)
    .where('source_type', '=', 'depreciation')
    .where('source_id', '=', asset.id)
    .orderBy('day')
    .execute();
  for (const d of posted) await mirror(scope, d, userId);
}
