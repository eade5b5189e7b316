import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dbName, ledgerShop, moveOrder, placeOrder, shopProblems, today, useLedgerDatabase } from '../helpers/ledger.ts';

useLedgerDatabase();

async function mods() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const { postEntry } = await import('#server/ledger/post-entry.ts');
  const { recordStockIn } = await import('#server/ledger/record-stock-in.ts');
  const { countStock } = await import('#server/ledger/count-stock.ts');
  const { getProfitLoss } = await import('#server/ledger/get-profit-loss.ts');
  const { getBalanceSheet } = await import('#server/ledger/get-balance-sheet.ts');
  const { getTrialBalance } = await import('#server/ledger/get-trial-balance.ts');
  const { getGeneralLedger } = await import('#server/ledger/get-general-ledger.ts');
  const { addAccount } = await import('#server/ledger/add-account.ts');
  const { listDebts } = await import('#server/ledger/list-debts.ts');
  return {
    listDebts,
    db,
    inShop,
    postEntry,
    recordStockIn,
    countStock,
    getProfitLoss,
    getBalanceSheet,
    getTrialBalance,
    getGeneralLedger,
    addAccount,
  };
}

describe(`ledger (${dbName})`, () => {
  it('gives every shop the SAK EMKM chart: seeded shops, new shops; the owner extends it', async () => {
    const { db, addAccount } = await mods();
    const shops = await db().selectFrom('shops').select('id').execute();
    for (const s of shops) {
      const codes = (await db().selectFrom('ledger_accounts').select('code').where('shop_id', '=', s.id).execute()).map((r) => r.code);
      expect(codes).toEqual(
        expect.arrayContaining(['1101', '1102', '1201', '1202', '1301', '2102', '3101', '3102', '4101', '4102', '5101', '5201']),
      );
    }
    const { shopId } = await ledgerShop('chart-test');
    expect(
      await db()
        .selectFrom('ledger_accounts')
        .select('name_en')
        .where('shop_id', '=', shopId)
        .where('code', '=', '2102')
        .executeTakeFirstOrThrow(),
    ).toEqual({ name_en: 'Customer deposits' });
    await addAccount({ shopId, role: 'owner', input: { code: '5305', type: 'expense', nameId: 'Beban Iklan', nameEn: 'Advertising' } });
    await expect(addAccount({ shopId, role: 'owner', input: { code: '5305', type: 'expense', nameId: 'Lagi' } })).rejects.toMatchObject({
      fields: { code: ['ledger.accountCodeTaken'] },
    });
    await expect(addAccount({ shopId, role: 'owner', input: { code: '4305', type: 'expense', nameId: 'Salah' } })).rejects.toMatchObject({
      fields: { code: ['ledger.accountCodeInvalid'] },
    });
    await expect(addAccount({ shopId, role: 'staff', input: { code: '5306', type: 'expense', nameId: 'Staf' } })).rejects.toMatchObject({
      status: 403,
    });
    for (const [nameId, nameEn, field] of [
      ['', undefined, 'nameId'],
      ['x'.repeat(81), undefined, 'nameId'],
      ['Beban Sewa', 'x'.repeat(81), 'nameEn'],
    ] as const)
      await expect(addAccount({ shopId, role: 'owner', input: { code: '5307', type: 'expense', nameId, nameEn } })).rejects.toMatchObject({
        fields: { [field]: ['ledger.accountNameInvalid'] },
      });
    expect(
      await db().selectFrom('ledger_accounts').select('code').where('shop_id', '=', shopId).where('code', '=', '5307').execute(),
    ).toEqual([]);
  });

  it('posts an entry once per key, also when the same key is posted concurrently; refuses an unbalanced one', async () => {
    const { db, inShop, postEntry } = await mods();
    const { shopId } = await ledgerShop('idem-test');
    const post = () =>
      inShop(shopId, (scope) =>
        postEntry(scope, {
          key: 'manual:capital-1',
          source: { type: 'manual' },
          lines: [
            { account: '1101', amount: 500000 },
            { account: '3101', amount: -500000 },
          ],
        }),
      );
    const results = await Promise.all([post(), post(), post()]);
    expect(results.filter((r) => r.posted)).toHaveLength(1);
    expect((await post()).posted).toBe(false);
    const n = await db()
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shop_id', '=', shopId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    await expect(
      inShop(shopId, (scope) =>
        postEntry(scope, {
          key: 'manual:bad',
          source: { type: 'manual' },
          lines: [
            { account: '1101', amount: 1000 },
            { account: '3101', amount: -999 },
          ],
        }),
      ),
    ).rejects.toThrow(/does not balance/);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('corrects by a reversing entry, once; the original stays', async () => {
    const { db, inShop, postEntry } = await mods();
    const { reverseEntry } = await import('#server/ledger/reverse-entry.ts');
    const { shopId, userId } = await ledgerShop('reverse-test');
    const e = await inShop(shopId, (scope) =>
      postEntry(scope, {
        key: 'manual:wrong',
        source: { type: 'manual' },
        lines: [
          { account: '5399', amount: 12000 },
          { account: '1101', amount: -12000 },
        ],
      }),
    );
    await expect(reverseEntry({ shopId, role: 'staff', userId, entryId: e.entryId! })).rejects.toMatchObject({ status: 403 });
    const r = await reverseEntry({ shopId, role: 'owner', userId, entryId: e.entryId! });
    await expect(reverseEntry({ shopId, role: 'owner', userId, entryId: e.entryId! })).rejects.toMatchObject({
      messageKey: 'ledger.entryAlreadyReversed',
    });
    await expect(reverseEntry({ shopId, role: 'owner', userId, entryId: r.entryId })).rejects.toMatchObject({
      messageKey: 'ledger.entryIsReversal',
    });
    const postings = await db()
      .selectFrom('journal_postings')
      .select(['entry_id', 'account_code', 'amount'])
      .where('shop_id', '=', shopId)
      .orderBy('entry_id')
      .orderBy('line_no')
      .execute();
    expect(postings).toHaveLength(4);
    const all = await db()
      .selectFrom('ledger_totals')
      .select(['account_code', 'debit', 'credit'])
      .where('shop_id', '=', shopId)
      .where('grain', '=', 'a')
      .orderBy('account_code')
      .execute();
    expect(all.map((t) => [t.account_code, Number(t.debit), Number(t.credit)])).toEqual([
      ['1101', 12000, 12000],
      ['5399', 12000, 12000],
    ]);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('worked example: deposit, stock-in on credit, fulfilment at the moving average, cancellation after payment, a count', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('worked');
    const product = () =>
      m.db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
    // a. 2 units ordered: the product enters the books at its recorded cost (40 x 22.000 = 880.000, saldo awal).
    const a = await placeOrder(shopId, productId, 2);
    expect(await product()).toEqual({ stock: 38, stock_value: 38 * 22000 });
    // b. paid before delivery: Kas / Uang Muka Pelanggan 70.000.
    await moveOrder(shopId, a.orderId, 'confirmed');
    await moveOrder(shopId, a.orderId, 'paid');
    // c. 10 units bought on credit for 250.000: average (836.000 + 250.000) / 48 = 22.625.
    expect(
      await m.recordStockIn({
        shopId,
        role: 'owner',
        userId,
        item: { productId, variantId: null },
        quantity: 10,
        key: 'si-1',
        source: { kind: 'purchase', cost: 250000, paidWith: 'credit', supplierName: 'Toko Tepung' },
      }),
    ).toEqual({ recorded: true });
    expect(
      await m.recordStockIn({
        shopId,
        role: 'owner',
        userId,
        item: { productId, variantId: null },
        quantity: 10,
        key: 'si-1',
        source: { kind: 'purchase', cost: 250000, paidWith: 'credit', supplierName: 'Toko Tepung' },
      }),
    ).toEqual({ recorded: false });
    expect(await product()).toEqual({ stock: 48, stock_value: 1086000 });
    // On credit: one payable to the supplier in hutang piutang, not two for the replay.
    const payables = await m.listDebts({ shopId, role: 'owner', kind: 'payable' });
    expect(payables.debts.map((d) => [d.partyName, d.outstanding])).toEqual([['Toko Tepung', 250000]]);
    await expect(
      m.recordStockIn({
        shopId,
        role: 'owner',
        userId,
        item: { productId, variantId: null },
        quantity: 1,
        key: 'si-2',
        source: { kind: 'purchase', cost: 1000, paidWith: 'credit' },
      }),
    ).rejects.toMatchObject({ status: 400, fields: { 'source.supplierName': ['validation.required'] } });
    // d. delivered: Uang Muka / Penjualan 70.000; HPP / Persediaan 44.000 (the cost its reservation took).
    await moveOrder(shopId, a.orderId, 'fulfilled');
    // e. 4 more ordered (4 x 22.625 = 90.500 reserved), paid, cancelled: money and units go back.
    const b = await placeOrder(shopId, productId, 4);
    expect(await product()).toEqual({ stock: 44, stock_value: 1086000 - 90500 });
    await moveOrder(shopId, b.orderId, 'paid');
    await moveOrder(shopId, b.orderId, 'cancelled');
    expect(await product()).toEqual({ stock: 48, stock_value: 1086000 });
    // f. counted 47: one unit lost at 22.625.
    expect(
      await m.countStock({ shopId, role: 'owner', userId, item: { productId, variantId: null }, counted: 47, key: 'count-1' }),
    ).toEqual({ difference: -1, value: -22625, recorded: true });
    expect(await product()).toEqual({ stock: 47, stock_value: 1063375 });

    const day = await today(shopId);
    const pl = await m.getProfitLoss({ shopId, role: 'owner', from: day, to: day });
    expect(pl.revenue).toEqual([{ code: '4101', nameId: 'Penjualan', nameEn: 'Sales', amount: 70000 }]);
    expect({
      totalRevenue: pl.totalRevenue,
      cogs: pl.cogs,
      grossProfit: pl.grossProfit,
      totalExpenses: pl.totalExpenses,
      netIncome: pl.netIncome,
    }).toEqual({ totalRevenue: 70000, cogs: 44000, grossProfit: 26000, totalExpenses: 22625, netIncome: 3375 });
    const bs = await m.getBalanceSheet({ shopId, role: 'owner', asOf: day });
    expect(bs.assets.map((l) => [l.code, l.amount])).toEqual([
      ['1101', 70000],
      ['1301', 1063375],
    ]);
    expect(bs.liabilities.map((l) => [l.code, l.amount])).toEqual([['2101', 250000]]);
    expect(bs.equity.map((l) => [l.code, l.amount])).toEqual([
      ['3101', 880000],
      ['earnings', 3375],
    ]);
    expect(bs.totalAssets).toBe(1133375);
    expect(bs.totalLiabilities + bs.totalEquity).toBe(1133375);
    const tb = await m.getTrialBalance({ shopId, role: 'owner', asOf: day });
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const gl = await m.getGeneralLedger({ shopId, role: 'owner', account: '1101', from: day, to: day });
    expect(gl.lines.map((l) => [l.debit, l.credit, l.balance])).toEqual([
      [70000, 0, 70000],
      [140000, 0, 210000],
      [0, 140000, 70000],
    ]);
    expect(gl.closing).toBe(70000);
    // Nothing the day before; the reports refuse staff (costs and profit are the owner's).
    expect((await m.getProfitLoss({ shopId, role: 'owner', from: '2020-01-01', to: '2020-12-31' })).netIncome).toBe(0);
    await expect(m.getProfitLoss({ shopId, role: 'staff', from: day, to: day })).rejects.toMatchObject({ status: 403 });
    await expect(m.getBalanceSheet({ shopId, role: 'staff', asOf: day })).rejects.toMatchObject({ status: 403 });
    await expect(m.getTrialBalance({ shopId, role: 'staff', asOf: day })).rejects.toMatchObject({ status: 403 });
    await expect(m.getGeneralLedger({ shopId, role: 'staff', account: '1101', from: day, to: day })).rejects.toMatchObject({ status: 403 });
    await expect(
      m.recordStockIn({
        shopId,
        role: 'staff',
        userId,
        item: { productId, variantId: null },
        quantity: 1,
        key: 'x',
        source: { kind: 'purchase', cost: 1, paidWith: 'cash' },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(m.getProfitLoss({ shopId, role: 'owner', from: '2026-13-01', to: day })).rejects.toMatchObject({
      fields: { from: ['ledger.dateInvalid'] },
    });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('replaying a transition or an idempotent order posts nothing more', async () => {
    const { db } = await mods();
    const { shopId, productId } = await ledgerShop('replay');
    const o = await placeOrder(shopId, productId, 3, 'replay-key-000001');
    const again = await placeOrder(shopId, productId, 3, 'replay-key-000001');
    expect(again.orderId).toBe(o.orderId);
    await moveOrder(shopId, o.orderId, 'paid');
    await moveOrder(shopId, o.orderId, 'paid');
    await moveOrder(shopId, o.orderId, 'fulfilled');
    await moveOrder(shopId, o.orderId, 'fulfilled');
    const entries = await db().selectFrom('journal_entries').select('idem_key').where('shop_id', '=', shopId).orderBy('idem_key').execute();
    expect(entries.map((e) => e.idem_key.replace(o.orderId, 'O').replace(productId, 'P'))).toEqual([
      'opening:p:P',
      'order:O:fulfilled',
      'order:O:paid',
    ]);
    expect((await db().selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow()).stock).toBe(37);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('npm run ledger:check passes on clean books and fails on a changed posting', async () => {
    const { db } = await mods();
    const run = () => spawnSync(process.execPath, ['scripts/ledger-check.ts'], { env: { ...process.env }, encoding: 'utf8' });
    const ok = run();
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const { shopId, productId } = await ledgerShop('tamper');
    const o = await placeOrder(shopId, productId, 1);
    await moveOrder(shopId, o.orderId, 'paid');
    await moveOrder(shopId, o.orderId, 'fulfilled');
    const posting = await db()
      .selectFrom('journal_postings')
      .select(['entry_id', 'line_no'])
      .where('shop_id', '=', shopId)
      .where('account_code', '=', '4101')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('journal_postings')
      .set({ amount: -1 })
      .where('shop_id', '=', shopId)
      .where('entry_id', '=', posting.entry_id)
      .where('line_no', '=', posting.line_no)
      .execute();
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('entry_unbalanced');
    expect(bad.stderr).toContain('totals_drift');
    await db().updateTable('products').set({ stock: 1000 }).where('id', '=', productId).execute();
    expect(run().stderr).toContain('stock_drift');
  });
});
