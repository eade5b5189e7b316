import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accountBalance as balance, ledgerShop, rowCounts, shopProblems, useLedgerDatabase } from '../helpers/ledger.ts';
import { newId, nowIso } from '#server/util.ts';

useLedgerDatabase();

const HEADER = [
  'Order ID',
  'Order Status',
  'Product Name',
  'Variation Name',
  'SKU Reference No.',
  'Deal Price',
  'Quantity',
  'Commission Fee',
  'Service Fee',
  'Transaction Fee',
  'Return / Refund Status',
  'Released Amount',
  'Payout Completed Date',
];
const row = (
  o: string,
  status: string,
  name: string,
  variation: string,
  sku: string,
  price: number,
  qty: number,
  fee = 0,
  ret = '',
  pay: [string, string] = ['', ''],
) => [o, status, name, variation, sku, String(price), String(qty), String(fee), '0', '0', ret, ...pay].join(',');
const csvFile = (lines: string[]) => ({
  format: 'csv' as const,
  open: () => Readable.from([Buffer.from([HEADER.join(','), ...lines].join('\n') + '\n', 'utf8')]),
});

/**
 * A shop with "Barang" (tracked, stock 40 at 22.000, then 7 more bought at 25.001 so the moving average
 * has a remainder), "Kopi Gowa" (untracked, cost 30.000) and "Kaos" with a tracked variant "Merah".
 */
async function shop(slug: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { recordStockIn } = await import('#server/ledger/record-stock-in.ts');
  const s = await ledgerShop(slug);
  const now = nowIso();
  const kopiId = newId();
  const kaosId = newId();
  const merahId = newId();
  await db().updateTable('products').set({ sku: 'BRG-01' }).where('shop_id', '=', s.shopId).where('id', '=', s.productId).execute();
  const product = (id: string, name: string, cost: number, stock: number | null) => ({
    shop_id: s.shopId,
    id,
    slug: name.toLowerCase().replace(/ /g, '-'),
    name,
    price: 50000,
    compare_at_price: null,
    unit_cost: cost,
    sku: null,
    stock,
    status: 'published' as const,
    created_at: now,
    updated_at: now,
  });
  await db()
    .insertInto('products')
    .values([product(kopiId, 'Kopi Gowa', 30000, null), product(kaosId, 'Kaos', 40000, null)])
    .execute();
  await db()
    .insertInto('product_variants')
    .values({
      shop_id: s.shopId,
      id: merahId,
      product_id: kaosId,
      name: 'Merah',
      sku: 'KAOS-M',
      price: 60000,
      compare_at_price: null,
      unit_cost: 41000,
      stock: 9,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordStockIn({
    shopId: s.shopId,
    role: 'owner',
    userId: s.userId,
    item: { productId: s.productId, variantId: null },
    quantity: 7,
    source: { kind: 'purchase', cost: 7 * 25001, paidWith: 'bank' },
    key: `stock-in-${slug}-1`,
  });
  return s;
}

const FILE = csvFile([
  row('B-1', 'Completed', 'Barang', '', 'BRG-01', 35000, 3, 4500),
  row('B-1', 'Completed', 'Kopi Gowa', '', '', 50000, 1, 4500),
  row('B-2', 'To ship', 'Barang', '', 'BRG-01', 35000, 2, 1000),
  row('B-3', 'Cancelled', 'Barang', '', 'BRG-01', 35000, 5),
  row('B-4', 'Completed', 'Kaos', 'Merah', 'KAOS-M', 60000, 2, 2500),
  row('B-4', 'Completed', 'Barang', '', 'BRG-01', 34000, 1, 2500),
  row('B-5', 'Selesai', 'Barang', '', 'BRG-01', 35000, 4),
  row('B-6', 'Completed', 'Kaos', 'Merah', 'KAOS-M', 60000, 10, 1000), // more than in stock: oversold, as a marketplace sale may be
  row('B-7', 'Completed', 'Kopi Gowa', '', '', 50000, 2),
]);

/** The books and stock of a shop in terms that do not depend on its ids. */
async function books(shopId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const totals = await db()
    .selectFrom('ledger_totals')
    .select(['account_code', 'grain', 'debit', 'credit'])
    .where('shop_id', '=', shopId)
    .orderBy('grain')
    .orderBy('account_code')
    .execute();
  const names = new Map(
    (await db().selectFrom('products').select(['id', 'name']).where('shop_id', '=', shopId).execute()).map((p) => [p.id, p.name]),
  );
  const stock = (
    await db().selectFrom('products').select(['name', 'stock', 'stock_value']).where('shop_id', '=', shopId).orderBy('name').execute()
  ).concat(await db().selectFrom('product_variants').select(['name', 'stock', 'stock_value']).where('shop_id', '=', shopId).execute());
  // Per external order: its status, and each of its entries' postings (account, amount) in line order.
  const orders = await db()
    .selectFrom('marketplace_orders')
    .innerJoin('orders', (j) =>
      j.onRef('orders.shop_id', '=', 'marketplace_orders.shop_id').onRef('orders.id', '=', 'marketplace_orders.order_id'),
    )
    .select(['marketplace_orders.external_order_id as ext', 'orders.id', 'orders.status', 'orders.stock_held', 'orders.total'])
    .where('marketplace_orders.shop_id', '=', shopId)
    .orderBy('marketplace_orders.external_order_id')
    .execute();
  const perOrder = [];
  for (const o of orders) {
    const postings = await db()
      .selectFrom('journal_postings')
      .innerJoin('journal_entries', (j) =>
        j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
      )
      .select(['journal_entries.idem_key', 'journal_postings.line_no', 'journal_postings.account_code', 'journal_postings.amount'])
      .where('journal_postings.shop_id', '=', shopId)
      .where('journal_entries.source_id', '=', o.id)
      .orderBy('journal_entries.idem_key')
      .orderBy('journal_postings.line_no')
      .execute();
    const movements = await db()
      .selectFrom('stock_movements')
      .select(['line_no', 'kind', 'quantity', 'value', 'gl_value'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', o.id)
      .where('kind', '=', 'sale')
      .orderBy('line_no')
      .execute();
    const events = await db()
      .selectFrom('order_events')
      .select(['type'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', o.id)
      .orderBy('created_at')
      .execute();
    perOrder.push({
      ext: o.ext,
      status: o.status,
      stockHeld: o.stock_held,
      total: Number(o.total),
      postings: postings.map((p) => `${p.idem_key.replace(o.id, '#')} ${p.line_no} ${p.account_code} ${Number(p.amount)}`),
      sales: movements.map((m) => `${m.line_no} ${Number(m.gl_value)}`),
      events: events.map((e) => e.type),
    });
  }
  const sales = await db()
    .selectFrom('sales_totals')
    .select(['grain', 'channel', 'product_id', 'quantity', 'gross', 'returns', 'orders'])
    .where('shop_id', '=', shopId)
    .execute();
  return {
    totals: totals.map((t) => `${t.grain} ${t.account_code} ${Number(t.debit)} ${Number(t.credit)}`),
    stock: stock.map((s) => `${s.name} ${s.stock} ${s.stock_value}`),
    perOrder,
    sales: sales
      .map(
        (s) => `${s.grain} ${s.channel} ${names.get(s.product_id) ?? ''} ${s.quantity} ${Number(s.gross)} ${Number(s.returns)} ${s.orders}`,
      )
      .sort(),
  };
}

describe('marketplace import in one step', () => {
  it('posts exactly what the order-by-order path posts (same accounts, amounts, stock and sales totals), once', async () => {
    const { inShop } = await import('#server/tenant/index.ts');
    const { applyImportOrder, emptyStats, groupImportRows } = await import('#server/imports/marketplace-orders.ts');
    const { importContext } = await import('#server/imports/import-context.ts');
    const { commitMarketplaceImport } = await import('#server/imports/commit-marketplace-import.ts');
    const input = { marketplace: 'shopee' as const, format: 'csv' as const };

    // Order by order: create, confirm, then fulfil (with its fees) or cancel, through the orders' lifecycle.
    const step = await shop('bulk-step');
    const ctx = await inShop(step.shopId, (scope) => importContext(scope, input));
    const outcomes: string[] = [];
    for await (const groups of groupImportRows(FILE, null, ctx.match, emptyStats(), 100))
      await inShop(step.shopId, async (scope) => {
        for (const group of groups)
          outcomes.push(await applyImportOrder(scope, { marketplace: 'shopee', group, userId: step.userId, known: undefined }));
      });
    expect(outcomes).toEqual(Array(7).fill('created'));

    const bulk = await shop('bulk-once');
    const r = await commitMarketplaceImport({ shopId: bulk.shopId, role: 'owner', userId: bulk.userId, input, file: FILE });
    expect(r.orders).toEqual({ created: 7, updated: 0, unchanged: 0, unmatched: 0, conflict: 0 });

    const a = await books(step.shopId);
    const b = await books(bulk.shopId);
    expect(b).toEqual(a);
    // The comparison is not vacuous: revenue, fees, HPP at the moving average (with its remainder) and stock moved.
    expect(a.totals).toContain(`a 4101 0 ${3 * 35000 + 50000 + 2 * 60000 + 34000 + 4 * 35000 + 10 * 60000 + 2 * 50000}`);
    expect(a.totals).toContain(`a 5201 ${4500 + 2500 + 1000} 0`);
    expect(a.stock).toEqual(['Barang 37 830537', 'Kaos null null', 'Kopi Gowa null null', 'Merah -3 0']);
    expect(a.perOrder.map((o) => o.status)).toEqual([
      'fulfilled',
      'confirmed',
      'cancelled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(a.perOrder.find((o) => o.ext === 'B-4')!.sales).toEqual(['1 -82000', '2 -22447']);
    expect(await shopProblems(step.shopId)).toEqual([]);
    expect(await shopProblems(bulk.shopId)).toEqual([]);

    // The same file again: nothing changes.
    const tables = { entries: 'journal_entries', movements: 'stock_movements', orders: 'orders', events: 'order_events' } as const;
    const before = await rowCounts(bulk.shopId, tables);
    const again = await commitMarketplaceImport({ shopId: bulk.shopId, role: 'owner', userId: bulk.userId, input, file: FILE });
    expect(again.orders).toEqual({ created: 0, updated: 0, unchanged: 7, unmatched: 0, conflict: 0 });
    expect(await rowCounts(bulk.shopId, tables)).toEqual(before);
    expect(await books(bulk.shopId)).toEqual(b);
  });

  it('posts the payout an export shows once per order, beside one recorded by hand, and a later return through the return use case', async () => {
    const { commitMarketplaceImport } = await import('#server/imports/commit-marketplace-import.ts');
    const { recordMarketplacePayout } = await import('#server/imports/record-marketplace-payout.ts');
    const { recordOrderReturn } = await import('#server/orders/record-order-return.ts');
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const s = await ledgerShop('mp-payout');
    await db().updateTable('products').set({ sku: 'BRG-01' }).where('shop_id', '=', s.shopId).where('id', '=', s.productId).execute();
    const input = { marketplace: 'shopee' as const, format: 'csv' as const };
    const tables = { entries: 'journal_entries', movements: 'stock_movements', orders: 'orders', events: 'order_events' } as const;
    const payout = (amount: number, date: string, key: string) =>
      recordMarketplacePayout({
        shopId: s.shopId,
        role: 'owner',
        userId: s.userId,
        input: { marketplace: 'shopee', amount, date, paidWith: 'bank', memo: '', idempotencyKey: key },
      });

    // Shopee's transfer of 21 November (P-1's 65.000) recorded by hand first.
    expect(await payout(65000, '2026-11-21', 'payout-hand-0001')).toMatchObject({ recorded: true });
    const first = csvFile([
      row('P-1', 'Completed', 'Barang', '', 'BRG-01', 35000, 2, 5000, '', ['65000', '2026-11-21 09:00']),
      row('P-2', 'Completed', 'Barang', '', 'BRG-01', 35000, 1, 1000),
      row('P-3', 'Completed', 'Barang', '', 'BRG-01', 35000, 1, 1000, '', ['Rp 33.000', '21/11/2026 14:00:00']),
      row('P-4', 'Completed', 'Barang', '', 'BRG-01', 35000, 1, 0, '', ['33000', '31/11/2026']), // no such day
    ]);
    const r1 = await commitMarketplaceImport({ shopId: s.shopId, role: 'owner', userId: s.userId, input, file: first });
    expect(r1.orders).toEqual({ created: 3, updated: 0, unchanged: 0, unmatched: 0, conflict: 0 });
    expect(r1.badRows).toEqual([{ line: 5, reason: 'imports.rowBadPayout' }]);
    // P-1 was already in the hand-recorded transfer: only P-3 reaches the Bank, its withheld 1.000 is a fee.
    expect(await balance(s.shopId, '1102')).toBe(65000 + 33000);
    expect(await balance(s.shopId, '5201')).toBe(5000 + 1000 + 1000 + 1000);
    expect(await balance(s.shopId, '1202')).toBe(70000 + 35000 + 35000 - 8000 - 65000 - 33000);
    expect(await shopProblems(s.shopId)).toEqual([]);
    const once = await rowCounts(s.shopId, tables);
    const again = await commitMarketplaceImport({ shopId: s.shopId, role: 'owner', userId: s.userId, input, file: first });
    expect(again.orders).toEqual({ created: 0, updated: 0, unchanged: 3, unmatched: 0, conflict: 0 });
    expect(await rowCounts(s.shopId, tables)).toEqual(once);
    expect(await balance(s.shopId, '1102')).toBe(98000);

    // A newer export: P-2 paid out on the 22nd, P-1 returned after delivery.
    const newer = csvFile([
      row('P-1', 'Completed', 'Barang', '', 'BRG-01', 35000, 2, 5000, 'Pengembalian Dana Disetujui', ['65000', '2026-11-21']),
      row('P-2', 'Completed', 'Barang', '', 'BRG-01', 35000, 1, 1000, '', ['34000', '2026-11-22']),
      row('P-3', 'Completed', 'Barang', '', 'BRG-01', 35000, 1, 1000, '', ['33000', '2026-11-21']),
    ]);
    const r2 = await commitMarketplaceImport({ shopId: s.shopId, role: 'owner', userId: s.userId, input, file: newer });
    expect(r2.orders).toEqual({ created: 0, updated: 2, unchanged: 1, unmatched: 0, conflict: 0 });
    expect(await balance(s.shopId, '1102')).toBe(98000 + 34000);
    // Retur Penjualan off what Shopee owes, the two units back in stock at the cost their sale posted.
    expect(await balance(s.shopId, '4102')).toBe(70000);
    expect(await balance(s.shopId, '1202')).toBe(-70000);
    expect(await balance(s.shopId, '5101')).toBe(2 * 22000);
    const stock = await db()
      .selectFrom('products')
      .select('stock')
      .where('shop_id', '=', s.shopId)
      .where('id', '=', s.productId)
      .executeTakeFirstOrThrow();
    expect(stock.stock).toBe(40 - 4 + 2);
    const returns = await db().selectFrom('order_returns').select(['amount', 'cost', 'restock']).where('shop_id', '=', s.shopId).execute();
    expect(returns.map((x) => [Number(x.amount), Number(x.cost), x.restock])).toEqual([[70000, 44000, 1]]);
    expect(await shopProblems(s.shopId)).toEqual([]);

    // Nothing twice: the export again, the same transfer recorded by hand afterwards, a return by hand of what came back.
    const settled = await rowCounts(s.shopId, tables);
    expect((await commitMarketplaceImport({ shopId: s.shopId, role: 'owner', userId: s.userId, input, file: newer })).orders).toMatchObject(
      {
        updated: 0,
        unchanged: 3,
      },
    );
    expect(await payout(34000, '2026-11-22', 'payout-hand-0002')).toMatchObject({ recorded: true });
    expect(await balance(s.shopId, '1102')).toBe(98000 + 34000);
    const code = (
      await db().selectFrom('orders').select('code').where('shop_id', '=', s.shopId).where('notes', '=', 'P-1').executeTakeFirstOrThrow()
    ).code;
    const byHand = recordOrderReturn({
      shopId: s.shopId,
      role: 'owner',
      userId: s.userId,
      code,
      input: { reason: 'dikembalikan', restock: true, idempotencyKey: 'return-hand-0001' },
    });
    await expect(byHand).rejects.toMatchObject({ messageKey: 'sales.nothingToReturn' });
    expect(await rowCounts(s.shopId, tables)).toEqual({ ...settled, entries: settled.entries + 1 });
    expect(await balance(s.shopId, '4102')).toBe(70000);
    expect(await shopProblems(s.shopId)).toEqual([]);
  });
});

describe(`one marketplace payout seen by hand and in an export on different days (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  async function setup(slug: string) {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { commitMarketplaceImport } = await import('#server/imports/commit-marketplace-import.ts');
    const { recordMarketplacePayout } = await import('#server/imports/record-marketplace-payout.ts');
    const s = await ledgerShop(slug);
    await db().updateTable('products').set({ sku: 'BRG-01' }).where('shop_id', '=', s.shopId).where('id', '=', s.productId).execute();
    const payout = (amount: number, date: string, key: string) =>
      recordMarketplacePayout({
        shopId: s.shopId,
        role: 'owner',
        userId: s.userId,
        input: { marketplace: 'shopee', amount, date, paidWith: 'bank', memo: '', idempotencyKey: key },
      });
    const importRows = (lines: string[]) =>
      commitMarketplaceImport({
        shopId: s.shopId,
        role: 'owner',
        userId: s.userId,
        input: { marketplace: 'shopee', format: 'csv' },
        file: csvFile(lines),
      });
    const bank = () => balance(s.shopId, '1102');
    return { s, payout, importRows, bank };
  }
  // P-1: 2 × 35.000 less a 5.000 fee = 65.000 released; P-2: 35.000 less 1.000 = 34.000.
  const p1 = (day: string) => row('P-1', 'Completed', 'Barang', '', 'BRG-01', 35000, 2, 5000, '', ['65000', day]);
  const p2 = (day: string) => row('P-2', 'Completed', 'Barang', '', 'BRG-01', 35000, 1, 1000, '', ['34000', day]);

  it('recorded by hand first, the export dates it a day later: the Bank receives it once', async () => {
    const t = await setup('mp-match-hand');
    expect(await t.payout(65000, '2026-11-20', 'hand-1')).toMatchObject({ recorded: true, matched: 0, matchDays: 3 });
    await t.importRows([p1('2026-11-21')]);
    expect(await t.bank()).toBe(65000);
    expect(await balance(t.s.shopId, '1202')).toBe(0);
    // The export again changes nothing.
    await t.importRows([p1('2026-11-21')]);
    expect(await t.bank()).toBe(65000);
    expect(await shopProblems(t.s.shopId)).toEqual([]);
  });

  it('read from the export first, recorded by hand two days later: the form answers it was already there', async () => {
    const t = await setup('mp-match-import');
    await t.importRows([p1('2026-11-21'), p2('2026-11-21')]);
    expect(await t.bank()).toBe(99000);
    // The merchant types P-2's transfer on the day the bank showed it; matched by amount first, not by P-1.
    expect(await t.payout(34000, '2026-11-23', 'hand-2')).toMatchObject({ recorded: true, matched: 34000 });
    expect(await t.bank()).toBe(99000);
    expect(await t.payout(34000, '2026-11-23', 'hand-2')).toMatchObject({ recorded: false });
    expect(await balance(t.s.shopId, '1202')).toBe(0);
    expect(await shopProblems(t.s.shopId)).toEqual([]);
  });

  it('recorded by hand and imported at the same moment (separate connections on PostgreSQL): still once', async () => {
    const t = await setup('mp-match-race');
    const [hand] = await Promise.all([t.payout(99000, '2026-11-22', 'hand-race'), t.importRows([p1('2026-11-21'), p2('2026-11-23')])]);
    expect(hand.recorded).toBe(true);
    expect(await t.bank()).toBe(99000);
    expect(await balance(t.s.shopId, '1202')).toBe(0);
    expect(await shopProblems(t.s.shopId)).toEqual([]);
  });

  it('a lump sum by hand covering two orders released on other days; a transfer outside the window is other money', async () => {
    const t = await setup('mp-match-lump');
    expect(await t.payout(99000, '2026-11-23', 'hand-lump')).toMatchObject({ recorded: true, matched: 0 });
    await t.importRows([p1('2026-11-21'), p2('2026-11-22')]);
    expect(await t.bank()).toBe(99000);
    expect(await balance(t.s.shopId, '1202')).toBe(0);
    // A week later another 34.000 by hand: no release near it, so it is new money (Piutang goes negative,
    // as it would for any payout of sales not imported yet).
    expect(await t.payout(34000, '2026-11-30', 'hand-later')).toMatchObject({ recorded: true, matched: 0 });
    expect(await t.bank()).toBe(99000 + 34000);
    expect(await shopProblems(t.s.shopId)).toEqual([]);
  });
});
