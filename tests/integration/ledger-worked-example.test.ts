import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accountBalance, dbName, ledgerShop, shopProblems, today, useLedgerDatabase } from '#tests/helpers/ledger.ts';

/**
 * Issue 10's worked example, every step through the use case a merchant's request calls, last month on a
 * back-dated clock: saldo awal, an expense, a credit sale, a Shopee order imported with its fees and the
 * payout, a stall sale returned, the month closed; then this month a correction of the closed month and a
 * part payment of the credit sale. The statements below were computed by hand from these steps.
 */
useLedgerDatabase();

async function mods() {
  return {
    ...(await import('#server/clock.ts')),
    ...(await import('#server/ledger/set-opening-balances.ts')),
    ...(await import('#server/ledger/record-expense.ts')),
    ...(await import('#server/orders/record-quick-sale.ts')),
    ...(await import('#server/orders/record-order-return.ts')),
    ...(await import('#server/imports/commit-marketplace-import.ts')),
    ...(await import('#server/imports/record-marketplace-payout.ts')),
    ...(await import('#server/ledger/close-month.ts')),
    ...(await import('#server/ledger/reverse-entry.ts')),
    ...(await import('#server/ledger/settle-debt.ts')),
    ...(await import('#server/ledger/get-profit-loss.ts')),
    ...(await import('#server/ledger/get-balance-sheet.ts')),
    ...(await import('#server/ledger/report-period.ts')),
    ...(await import('#server/ledger/depreciation.ts')),
  };
}

describe(`worked example computed by hand (${dbName})`, () => {
  it('a month of trade through the use cases, closed; the statements of that month and of the next', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('worked-month', { price: 35000, cost: 22000, stock: null });
    const owner = { shopId, role: 'owner' as const, userId };
    const now = await today(shopId);
    const month = m.addMonths(now.slice(0, 7), -1);
    const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
    // Noon WITA of a day of last month: the clock the use cases read (as the demo history does).
    const on = <T>(d: number, fn: () => Promise<T>) => m.actAt(new Date(`${day(d)}T04:00:00Z`), fn);
    const item = { productId, variantId: null };

    // 1st. Saldo awal: Kas 500.000, 40 units at 22.000 (Persediaan 880.000); Modal Pemilik 1.380.000.
    await on(1, () =>
      m.setOpeningBalances({
        ...owner,
        input: {
          date: day(1),
          cash: 500_000,
          bank: 0,
          receivables: [],
          equipment: 0,
          payables: [],
          inventory: [{ ...item, quantity: 40, unitCost: 22_000 }],
          idempotencyKey: 'worked-opening',
        },
      }),
    );
    // 3rd. Rent paid in cash: Beban Sewa / Kas 100.000.
    const rent = await on(3, () =>
      m.recordExpense({
        ...owner,
        input: {
          account: '5302',
          amount: 100_000,
          paidWith: 'cash',
          date: null,
          memo: 'Sewa lapak',
          partyName: '',
          idempotencyKey: 'worked-rent',
        },
      }),
    );
    // 5th. 3 units to a reseller on credit: Piutang Usaha / Penjualan 105.000; HPP / Persediaan 66.000.
    const credit = await on(5, () =>
      m.recordQuickSale({
        ...owner,
        input: {
          channel: 'reseller',
          items: [{ ...item, quantity: 3 }],
          payment: 'credit',
          dueDate: day(20),
          customerName: 'Toko Sinar Gowa',
          customerPhone: null,
          notes: '',
          idempotencyKey: 'worked-credit',
        },
      }),
    );
    // 10th. Shopee export: one completed order of 2 units, commission 5.000 and service fee 2.000:
    //       Piutang Marketplace / Penjualan 70.000; HPP / Persediaan 44.000; Beban Marketplace / Piutang Marketplace 7.000.
    const csv =
      'Order ID,Order Status,Order Creation Date,Product Name,Variation Name,SKU Reference No.,Deal Price,Quantity,Commission Fee,Service Fee,Return / Refund Status\r\n' +
      `2605100001,Completed,${day(10)} 10:00,Barang,,,35000,2,5000,2000,\r\n`;
    const imported = await on(10, () =>
      m.commitMarketplaceImport({
        ...owner,
        input: { marketplace: 'shopee', format: 'csv' },
        file: { format: 'csv', open: () => Readable.from([Buffer.from(csv, 'utf8')]) },
      }),
    );
    expect(imported.orders).toMatchObject({ created: 1, unmatched: 0 });
    // 12th. A stall sale of 1 unit for cash: Kas / Penjualan 35.000; HPP / Persediaan 22.000.
    const stall = await on(12, () =>
      m.recordQuickSale({
        ...owner,
        input: {
          channel: 'stall',
          items: [{ ...item, quantity: 1 }],
          payment: 'cash',
          dueDate: null,
          customerName: '',
          customerPhone: null,
          notes: '',
          idempotencyKey: 'worked-stall',
        },
      }),
    );
    // 14th. It comes back broken (not restocked), money returned: Retur Penjualan / Kas 35.000.
    await on(14, () =>
      m.recordOrderReturn({ ...owner, code: stall.code, input: { reason: 'Pecah', restock: false, idempotencyKey: 'worked-return' } }),
    );
    // 15th. Shopee pays out 70.000 - 7.000: Bank / Piutang Marketplace 63.000.
    await on(15, () =>
      m.recordMarketplacePayout({
        ...owner,
        input: { marketplace: 'shopee', amount: 63_000, date: null, paidWith: 'bank', memo: '', idempotencyKey: 'worked-payout' },
      }),
    );
    await m.closeMonth({ ...owner, month });

    // Last month, by hand. Penjualan 105.000 + 70.000 + 35.000 = 210.000, Retur 35.000: revenue 175.000.
    // HPP 66.000 + 44.000 + 22.000 = 132.000 (the broken unit stays a cost); gross profit 43.000.
    // Beban Marketplace 7.000 + Beban Sewa 100.000 = 107.000; loss 64.000.
    const period = { from: day(1), to: m.lastDayOfMonth(month) };
    const pl = await m.getProfitLoss({ ...owner, ...period });
    expect(pl.revenue.map((l) => [l.code, l.amount])).toEqual([
      ['4101', 210_000],
      ['4102', -35_000],
    ]);
    expect(pl.expenses.map((l) => [l.code, l.amount])).toEqual([
      ['5201', 7_000],
      ['5302', 100_000],
    ]);
    expect([pl.totalRevenue, pl.cogs, pl.grossProfit, pl.totalExpenses, pl.netIncome]).toEqual([
      175_000, 132_000, 43_000, 107_000, -64_000,
    ]);
    // Kas 500.000 - 100.000 + 35.000 - 35.000 = 400.000; Bank 63.000; Piutang 105.000; Piutang Marketplace 0;
    // Persediaan 880.000 - 132.000 = 748.000 (34 units at 22.000). Total 1.316.000 = Modal 1.380.000 - 64.000.
    const bs = await m.getBalanceSheet({ ...owner, asOf: period.to });
    expect(bs.assets.map((l) => [l.code, l.amount])).toEqual([
      ['1101', 400_000],
      ['1102', 63_000],
      ['1201', 105_000],
      ['1301', 748_000],
    ]);
    expect(bs.liabilities).toEqual([]);
    expect(bs.equity.map((l) => [l.code, l.amount])).toEqual([
      ['3101', 1_380_000],
      ['earnings', -64_000],
    ]);
    expect([bs.totalAssets, bs.totalLiabilities + bs.totalEquity]).toEqual([1_316_000, 1_316_000]);
    expect(await accountBalance(shopId, '1202')).toBe(0);

    // The closed month takes nothing more: a late expense dated in it is refused.
    await expect(
      m.recordExpense({
        ...owner,
        input: { account: '5302', amount: 1_000, paidWith: 'cash', date: day(20), memo: '', partyName: '', idempotencyKey: 'worked-late' },
      }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'ledger.periodClosed' });

    // This month: the rent was the landlord's mistake and is reversed (posted today, marked as last month's),
    // and the reseller pays 50.000 of the 105.000.
    await m.reverseEntry({ ...owner, entryId: rent.entryId });
    const { listDebts } = await import('#server/ledger/list-debts.ts');
    const [debt] = (await listDebts({ ...owner, kind: 'receivable' })).debts;
    expect(debt).toMatchObject({
      partyName: 'Toko Sinar Gowa',
      orderCode: credit.code,
      outstanding: 105_000,
      dueDate: day(20),
      overdue: true,
    });
    await m.settleDebt({
      ...owner,
      debtId: debt!.id,
      input: { amount: 50_000, paidWith: 'cash', date: null, idempotencyKey: 'worked-settle' },
    });

    // Last month's statements are what they were at the close.
    const closed = await m.getProfitLoss({ ...owner, ...period });
    expect(closed.netIncome).toBe(-64_000);
    // This month: Beban Sewa -100.000, a profit of 100.000. Kas 400.000 + 100.000 + 50.000 = 550.000; Piutang 55.000.
    const current = await m.getProfitLoss({ ...owner, from: `${now.slice(0, 7)}-01`, to: now });
    expect(current.expenses.map((l) => [l.code, l.amount])).toEqual([['5302', -100_000]]);
    expect(current.netIncome).toBe(100_000);
    const bsNow = await m.getBalanceSheet({ ...owner, asOf: now });
    expect(bsNow.assets.map((l) => [l.code, l.amount])).toEqual([
      ['1101', 550_000],
      ['1102', 63_000],
      ['1201', 55_000],
      ['1301', 748_000],
    ]);
    expect(bsNow.equity.map((l) => [l.code, l.amount])).toEqual([
      ['3101', 1_380_000],
      ['earnings', 36_000],
    ]);
    expect(bsNow.totalAssets).toBe(1_416_000);
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const reversal = await db()
      .selectFrom('journal_entries')
      .select(['day', 'belongs_to'])
      .where('shop_id', '=', shopId)
      .where('reverses_id', '=', rent.entryId)
      .executeTakeFirstOrThrow();
    expect(reversal).toEqual({ day: now, belongs_to: month });
    const stock = await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
    expect([Number(stock.stock), Number(stock.stock_value)]).toEqual([34, 748_000]);
    expect(await shopProblems(shopId)).toEqual([]);
  });
});
