import { sql } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import { ACCOUNTS } from './chart-template.ts';

export interface LedgerProblem {
  shopId: string;
  kind: string;
  detail: string;
}

/**
 * Every invariant of one shop's books (npm run ledger:check, the property test): each entry balances;
 * the maintained totals (all-time, month, day) equal the postings, so the trial balance is zero; each
 * tracked item's stock and value equal the sum of its movements; Persediaan equals the movements' ledger
 * value; every order fulfilled since the ledger started has its revenue entry; the sales totals of each
 * month equal the revenue and returns the orders posted.
 */
export async function checkShopLedger(scope: ShopScope): Promise<LedgerProblem[]> {
  const { tx, shopId } = scope;
  const problems: LedgerProblem[] = [];
  const p = (kind: string, detail: string) => problems.push({ shopId, kind, detail });

  const unbalanced = await tx
    .selectFrom('journal_postings')
    .select(['entry_id', (eb) => eb.fn.sum<number>('amount').as('s')])
    .where('shop_id', '=', shopId)
    .groupBy('entry_id')
    .having((eb) => eb.fn.sum('amount'), '!=', 0)
    .execute();
  for (const u of unbalanced) p('entry_unbalanced', `${u.entry_id}: ${u.s}`);

  const fromPostings = new Map<string, number>();
  const rows = await tx
    .selectFrom('journal_postings')
    .select([
      'account_code',
      'day',
      (eb) => eb.fn.sum<number>(sql`case when amount > 0 then amount else 0 end`).as('d'),
      (eb) => eb.fn.sum<number>(sql`case when amount < 0 then -amount else 0 end`).as('c'),
    ])
    .where('shop_id', '=', shopId)
    .groupBy(['account_code', 'day'])
    .execute();
  const add = (k: string, d: number, c: number) => {
    fromPostings.set(`${k}:d`, (fromPostings.get(`${k}:d`) ?? 0) + d);
    fromPostings.set(`${k}:c`, (fromPostings.get(`${k}:c`) ?? 0) + c);
  };
  for (const r of rows) {
    const d = Number(r.d),
      c = Number(r.c);
    add(`a|all|${r.account_code}`, d, c);
    add(`m|${r.day.slice(0, 7)}|${r.account_code}`, d, c);
    add(`d|${r.day}|${r.account_code}`, d, c);
  }
  const totals = await tx
    .selectFrom('ledger_totals')
    .select(['grain', 'period', 'account_code', 'debit', 'credit'])
    .where('shop_id', '=', shopId)
    .execute();
  const seen = new Set<string>();
  let trial = 0;
  for (const t of totals) {
    const k = `${t.grain}|${t.period}|${t.account_code}`;
    seen.add(k);
    if (Number(t.debit) !== (fromPostings.get(`${k}:d`) ?? 0) || Number(t.credit) !== (fromPostings.get(`${k}:c`) ?? 0)) {
      p(
        'totals_drift',
        `${k}: totals ${t.debit}/${t.credit}, postings ${fromPostings.get(`${k}:d`) ?? 0}/${fromPostings.get(`${k}:c`) ?? 0}`,
      );
    }
    if (t.grain === 'a') trial += Number(t.debit) - Number(t.credit);
  }
  for (const k of fromPostings.keys()) {
    const key = k.slice(0, -2);
    if (!seen.has(key)) {
      p('totals_missing', key);
      seen.add(key);
    }
  }
  if (trial !== 0) p('trial_balance', `debits - credits = ${trial}`);

  for (const table of ['products', 'product_variants'] as const) {
    const items = await tx
      .selectFrom(table)
      .select(['id', 'stock', 'stock_value'])
      .where('shop_id', '=', shopId)
      .where('stock_value', 'is not', null)
      .execute();
    if (!items.length) continue;
    const col = table === 'products' ? 'product_id' : 'variant_id';
    let q = tx
      .selectFrom('stock_movements')
      .select([col, (eb) => eb.fn.sum<number>('quantity').as('q'), (eb) => eb.fn.sum<number>('value').as('v')])
      .where('shop_id', '=', shopId)
      .groupBy(col);
    if (table === 'products') q = q.where('variant_id', '=', '');
    const sums = new Map((await q.execute()).map((r) => [String((r as Record<string, unknown>)[col]), r]));
    for (const it of items) {
      const s = sums.get(it.id);
      if (Number(it.stock ?? 0) !== Number(s?.q ?? 0)) p('stock_drift', `${table} ${it.id}: stock ${it.stock}, movements ${s?.q ?? 0}`);
      if (Number(it.stock_value) !== Number(s?.v ?? 0))
        p('stock_value_drift', `${table} ${it.id}: value ${it.stock_value}, movements ${s?.v ?? 0}`);
    }
  }
  const gl = await tx
    .selectFrom('ledger_totals')
    .select(sql<number>`debit - credit`.as('b'))
    .where('shop_id', '=', shopId)
    .where('grain', '=', 'a')
    .where('account_code', '=', ACCOUNTS.inventory)
    .executeTakeFirst();
  const mv = await tx
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.sum<number>('gl_value').as('v'))
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (Number(gl?.b ?? 0) !== Number(mv?.v ?? 0)) p('inventory_gl', `Persediaan ${gl?.b ?? 0}, movements ${mv?.v ?? 0}`);

  const started = await tx.selectFrom('ledger_shops').select('started_at').where('shop_id', '=', shopId).executeTakeFirst();
  if (started) {
    const missing = await tx
      .selectFrom('order_events')
      .select('order_id')
      .where('shop_id', '=', shopId)
      .where('to_status', '=', 'fulfilled')
      .where('from_status', '!=', 'fulfilled')
      .where('created_at', '>=', started.started_at)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('journal_entries')
              .select('id')
              .where('journal_entries.shop_id', '=', shopId)
              .where('journal_entries.idem_key', '=', sql<string>`'order:' || order_events.order_id || ':fulfilled'`),
          ),
        ),
      )
      .execute();
    for (const m of missing) p('fulfilled_without_revenue', m.order_id);
  }

  // Hutang piutang: what each debt says was paid is what its settlement entries posted, and none is overpaid.
  const debts = await tx
    .selectFrom('ledger_debts')
    .select(['id', 'kind', 'amount', 'settled', 'reduced'])
    .where('shop_id', '=', shopId)
    .execute();
  if (debts.length) {
    const paid = await tx
      .selectFrom('journal_postings')
      .innerJoin('journal_entries', (j) =>
        j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
      )
      .select(['journal_entries.source_id', (eb) => eb.fn.sum<number>('journal_postings.amount').as('s')])
      .where('journal_postings.shop_id', '=', shopId)
      .where('journal_entries.source_type', '=', 'debt')
      .where('journal_postings.account_code', 'in', [ACCOUNTS.receivable, ACCOUNTS.payable])
      .groupBy('journal_entries.source_id')
      .execute();
    const bySource = new Map(paid.map((r) => [r.source_id, Number(r.s)]));
    for (const d of debts) {
      const posted = Math.abs(bySource.get(d.id) ?? 0);
      if (posted !== Number(d.settled)) p('debt_drift', `${d.kind} ${d.id}: settled ${d.settled}, postings ${posted}`);
      if (Number(d.settled) + Number(d.reduced) > Number(d.amount)) p('debt_overpaid', `${d.kind} ${d.id}`);
    }
  }

  // A closed month receives nothing after its close: corrections post into an open month (belongs_to).
  const late = await tx
    .selectFrom('journal_entries')
    .innerJoin('ledger_periods', (j) =>
      j
        .onRef('ledger_periods.shop_id', '=', 'journal_entries.shop_id')
        .on(sql<boolean>`ledger_periods.month = substr(journal_entries.day, 1, 7)`),
    )
    .select(['journal_entries.id', 'journal_entries.day'])
    .where('journal_entries.shop_id', '=', shopId)
    .whereRef('journal_entries.created_at', '>', 'ledger_periods.closed_at')
    .execute();
  for (const l of late) p('closed_period_posting', `${l.id} dated ${l.day}`);

  await checkSalesTotals(scope, p);
  return problems;
}

/**
 * Net sales per month in sales_totals = Penjualan of order deliveries (less reversed ones) less Retur
 * Penjualan of order refunds, as posted.
 */
async function checkSalesTotals(scope: ShopScope, p: (kind: string, detail: string) => void): Promise<void> {
  const { tx, shopId } = scope;
  const posted = new Map<string, number>();
  const bump = (month: string, v: number) => posted.set(month, (posted.get(month) ?? 0) + v);
  const sales = await tx
    .selectFrom('journal_postings')
    .innerJoin('journal_entries', (j) =>
      j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
    )
    .leftJoin('journal_entries as orig', (j) =>
      j.onRef('orig.shop_id', '=', 'journal_entries.shop_id').onRef('orig.id', '=', 'journal_entries.reverses_id'),
    )
    .select([
      'journal_postings.day',
      'journal_postings.account_code',
      'journal_postings.amount',
      'journal_entries.idem_key',
      'journal_entries.source_type',
      'orig.idem_key as orig_key',
      'orig.source_type as orig_type',
    ])
    .where('journal_postings.shop_id', '=', shopId)
    .where('journal_postings.account_code', 'in', [ACCOUNTS.sales, ACCOUNTS.salesReturns])
    .execute();
  const isDelivery = (type: string | null, key: string | null) =>
    type === 'order' && !!key && key.startsWith('order:') && key.endsWith(':fulfilled');
  for (const r of sales) {
    const amount = Number(r.amount);
    if (r.account_code === ACCOUNTS.sales && (isDelivery(r.source_type, r.idem_key) || isDelivery(r.orig_type, r.orig_key)))
      bump(r.day.slice(0, 7), -amount);
    if (r.account_code === ACCOUNTS.salesReturns && r.source_type === 'order') bump(r.day.slice(0, 7), -amount);
  }
  const rows = await tx
    .selectFrom('sales_totals')
    .select(['period', 'product_id', 'gross', 'returns'])
    .where('shop_id', '=', shopId)
    .where('grain', '=', 'm')
    .execute();
  const kept = new Map<string, number>();
  for (const r of rows) if (r.product_id === '') kept.set(r.period, (kept.get(r.period) ?? 0) + Number(r.gross) - Number(r.returns));
  for (const month of new Set([...posted.keys(), ...kept.keys()])) {
    if ((posted.get(month) ?? 0) !== (kept.get(month) ?? 0))
      p('sales_totals_drift', `${month}: sales totals ${kept.get(month) ?? 0}, postings ${posted.get(month) ?? 0}`);
  }
}
