import type { Insertable } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import type { JournalEntriesTable, JournalPostingsTable, LedgerTotalsTable } from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';
import { newSequentialId, nowIso } from '../util.ts';
import { ensureChart } from './ensure-chart.ts';
import { shopDay } from './ledger-day.ts';
import { isClosed } from './periods.ts';
import { Conflict } from '../errors.ts';

export interface PostingLine {
  account: string;
  amount: number;
}

export interface EntryInput {
  /** Derived from the source event (e.g. `order:<id>:paid`): the same key posts once per shop, ever. */
  key: string;
  source: { type: string; id?: string | null };
  lines: PostingLine[];
  memo?: string;
  at?: Date | string;
  /** The book day (YYYY-MM-DD, the program's time zone) when the user dated the record; wins over `at`. */
  day?: string;
  /**
   * A dated entry (`day`/`at`) whose month is closed is refused (409 ledger.periodClosed), unless it is a
   * correction: then it posts today, marked as belonging to the closed month (`belongsTo`).
   */
  correction?: boolean;
  /** YYYY-MM of a closed month this entry corrects (set by callers that post today for a closed month). */
  belongsTo?: string | null;
  createdBy?: string | null;
  reversesId?: string | null;
}

export class UnbalancedEntry extends Error {}

const insertEntry = prepared((q, row: Insertable<JournalEntriesTable>) =>
  q
    .insertInto('journal_entries')
    .values(row)
    .onConflict((oc) => oc.columns(['shop_id', 'idem_key']).doNothing())
    .returning('id'),
);
const insertPostings = prepared((q, rows: Insertable<JournalPostingsTable>[]) => q.insertInto('journal_postings').values(rows));
const addTotals = prepared((q, rows: Insertable<LedgerTotalsTable>[]) =>
  q
    .insertInto('ledger_totals')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['shop_id', 'grain', 'period', 'account_code']).doUpdateSet((eb) => ({
        debit: eb('ledger_totals.debit', '+', eb.ref('excluded.debit')),
        credit: eb('ledger_totals.credit', '+', eb.ref('excluded.credit')),
      })),
    ),
);

/**
 * Append one journal entry (debit +, credit -, whole Rupiah) and maintain the totals reports read, in
 * the caller's transaction: 4 statements whatever the number of lines. A key already posted changes
 * nothing and answers { posted: false } — also when two processes post it at once: the unique key
 * decides and the loser's insert does nothing.
 */
export async function postEntry(scope: ShopScope, input: EntryInput): Promise<{ posted: boolean; entryId: string | null; day: string }> {
  const { tx, shopId } = scope;
  const byAccount = new Map<string, { debit: number; credit: number }>();
  let sum = 0;
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.amount)) throw new UnbalancedEntry(`not whole Rupiah: ${l.amount}`);
    sum += l.amount;
    if (l.amount === 0) continue;
    const t = byAccount.get(l.account) ?? { debit: 0, credit: 0 };
    if (l.amount > 0) t.debit += l.amount;
    else t.credit -= l.amount;
    byAccount.set(l.account, t);
  }
  if (sum !== 0) throw new UnbalancedEntry(`entry ${input.key} does not balance (${sum})`);
  await ensureChart(scope);
  let day = input.day ?? (await shopDay(scope, input.at));
  let belongsTo = input.belongsTo ?? null;
  // Undated entries are today's, and today's month cannot be closed (close-month.ts): one query saved per posting.
  if ((input.day !== undefined || input.at !== undefined) && (await isClosed(scope, day.slice(0, 7)))) {
    if (!input.correction) throw new Conflict('ledger.periodClosed', { month: day.slice(0, 7) });
    belongsTo = day.slice(0, 7);
    day = await shopDay(scope);
  }
  const inserted = await insertEntry.first(tx, {
    shop_id: shopId,
    id: newSequentialId(),
    idem_key: input.key,
    day,
    source_type: input.source.type,
    source_id: input.source.id ?? null,
    memo: input.memo ?? '',
    reverses_id: input.reversesId ?? null,
    belongs_to: belongsTo,
    created_by: input.createdBy ?? null,
    created_at: nowIso(),
  });
  if (!inserted) return { posted: false, entryId: null, day };
  const lines = input.lines.filter((l) => l.amount !== 0);
  if (!lines.length) return { posted: true, entryId: inserted.id, day };
  await insertPostings.all(
    tx,
    lines.map((l, i) => ({
      shop_id: shopId,
      entry_id: inserted.id,
      line_no: i + 1,
      account_code: l.account,
      amount: l.amount,
      day,
    })),
  );
  const month = day.slice(0, 7);
  const totals = [...byAccount].flatMap(([code, t]) =>
    (
      [
        ['a', 'all'],
        ['m', month],
        ['d', day],
      ] as const
    ).map(([grain, period]) => ({
      shop_id: shopId,
      account_code: code,
      grain,
      period,
      debit: t.debit,
      credit: t.credit,
    })),
  );
  await addTotals.all(tx, totals);
  return { posted: true, entryId: inserted.id, day };
}
