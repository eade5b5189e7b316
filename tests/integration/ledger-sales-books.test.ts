import { describe, expect, it } from 'vitest';
import { accountBalance as balance, dbName, ledgerShop, rowCounts, shopProblems, today, useLedgerDatabase } from '../helpers/ledger.ts';
import { addDays } from '#server/ledger/report-period.ts';
import { newId, nowIso } from '#server/util.ts';
import { lastDayOf } from '#server/ledger/depreciation.ts';

useLedgerDatabase();

async function mods() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { recordQuickSale } = await import('#server/orders/record-quick-sale.ts');
  const { recordOrderReturn } = await import('#server/orders/record-order-return.ts');
  const { listDebts } = await import('#server/ledger/list-debts.ts');
  const { settleDebt } = await import('#server/ledger/settle-debt.ts');
  const { getDebtReminder } = await import('#server/ledger/get-debt-reminder.ts');
  const { recordExpense } = await import('#server/ledger/record-expense.ts');
  const { recordOwnerMoney } = await import('#server/ledger/record-owner-money.ts');
  const { recordCreditPurchase } = await import('#server/ledger/record-credit-purchase.ts');
  const { recordEquipmentPurchase } = await import('#server/ledger/record-equipment-purchase.ts');
  const { postDepreciation } = await import('#server/ledger/post-depreciation.ts');
  const { closeMonth } = await import('#server/ledger/close-month.ts');
  const { reverseEntry } = await import('#server/ledger/reverse-entry.ts');
  const { getProfitLoss } = await import('#server/ledger/get-profit-loss.ts');
  const { getBalanceSheet } = await import('#server/ledger/get-balance-sheet.ts');
  return {
    db,
    recordQuickSale,
    recordOrderReturn,
    listDebts,
    settleDebt,
    getDebtReminder,
    recordExpense,
    recordOwnerMoney,
    recordCreditPurchase,
    recordEquipmentPurchase,
    postDepreciation,
    closeMonth,
    reverseEntry,
    getProfitLoss,
    getBalanceSheet,
  };
}

/** Balance of one account (debit +) from the maintained all-time totals. */
const counts = (shopId: string) =>
  rowCounts(shopId, { entries: 'journal_entries', movements: 'stock_movements', orders: 'orders', debts: 'ledger_debts' });

async function stockOf(productId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const p = await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
  return { stock: p.stock, value: Number(p.stock_value) };
}

function prevMonth(day: string): string {
  const y = Number(day.slice(0, 4)),
    m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const sale = (over: Record<string, unknown>) =>
  ({
    channel: 'stall' as const,
    payment: 'cash' as const,
    dueDate: null,
    customerName: '',
    customerPhone: null,
    notes: '',
    ...over,
  }) as never;

describe(`quick sales, returns, cash book, hutang piutang, month close (${dbName})`, () => {
  it('a stall sale posts revenue, HPP and cash and moves stock once, also when replayed; staff see no cost; a price override records who set it', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('stall-sale');
    const input = sale({ items: [{ productId, quantity: 3 }], idempotencyKey: 'stall-sale-0001' });
    const staff = await m.recordQuickSale({ shopId, role: 'staff', userId, input });
    expect(staff).toMatchObject({ replayed: false, channel: 'stall', payment: 'cash', total: 105000, receivable: null });
    expect(staff.lines).toEqual([
      { name: 'Barang', variantName: null, quantity: 3, unitPrice: 35000, lineTotal: 105000, priceOverridden: false },
    ]);
    expect('cost' in staff).toBe(false);
    expect('grossProfit' in staff).toBe(false);
    const before = await counts(shopId);
    const again = await m.recordQuickSale({ shopId, role: 'owner', userId, input });
    expect(again).toMatchObject({ replayed: true, orderId: staff.orderId, cost: 66000, grossProfit: 39000 });
    expect(await counts(shopId)).toEqual(before);
    expect(await stockOf(productId)).toEqual({ stock: 37, value: 37 * 22000 });
    const order = await m
      .db()
      .selectFrom('orders')
      .select(['status', 'channel', 'payment_method'])
      .where('id', '=', staff.orderId)
      .executeTakeFirstOrThrow();
    expect(order).toEqual({ status: 'fulfilled', channel: 'stall', payment_method: 'cash' });
    expect(await balance(shopId, '1101')).toBe(105000);
    expect(await balance(shopId, '4101')).toBe(-105000);
    expect(await balance(shopId, '5101')).toBe(66000);
    expect(await balance(shopId, '2102')).toBe(0);
    // The same key with another body is refused and writes nothing.
    await expect(
      m.recordQuickSale({
        shopId,
        role: 'staff',
        userId,
        input: sale({ items: [{ productId, quantity: 4 }], idempotencyKey: 'stall-sale-0001' }),
      }),
    ).rejects.toMatchObject({ status: 422 });
    // A price agreed on the spot, paid by QRIS (Bank).
    const deal = await m.recordQuickSale({
      shopId,
      role: 'staff',
      userId,
      input: sale({
        channel: 'reseller',
        payment: 'qris',
        items: [{ productId, quantity: 2, unitPrice: 30000 }],
        idempotencyKey: 'stall-sale-0002',
      }),
    });
    expect(deal).toMatchObject({ total: 60000, lines: [{ unitPrice: 30000, priceOverridden: true }] });
    const line = await m
      .db()
      .selectFrom('order_lines')
      .select(['unit_price', 'list_price', 'price_set_by'])
      .where('order_id', '=', deal.orderId)
      .executeTakeFirstOrThrow();
    expect({ ...line, unit_price: Number(line.unit_price), list_price: Number(line.list_price) }).toEqual({
      unit_price: 30000,
      list_price: 35000,
      price_set_by: userId,
    });
    expect(await balance(shopId, '1102')).toBe(60000);
    // More than is on the shelf: refused, nothing written.
    const n = await counts(shopId);
    await expect(
      m.recordQuickSale({
        shopId,
        role: 'staff',
        userId,
        input: sale({ items: [{ productId, quantity: 36 }], idempotencyKey: 'stall-sale-0003' }),
      }),
    ).rejects.toMatchObject({ status: 400, messageKey: 'orders.stockShortMessage' });
    expect(await counts(shopId)).toEqual(n);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it("a credit sale becomes a receivable with its due date; partial and full settlement; a WhatsApp reminder in the customer's language", async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('credit-sale');
    const due = addDays(await today(shopId), 7);
    await expect(
      m.recordQuickSale({
        shopId,
        role: 'staff',
        userId,
        input: sale({ payment: 'credit', items: [{ productId, quantity: 1 }], idempotencyKey: 'credit-00000', customerName: 'Daeng' }),
      }),
    ).rejects.toMatchObject({ fields: { dueDate: ['sales.dueDateRequired'] } });
    const s = await m.recordQuickSale({
      shopId,
      role: 'staff',
      userId,
      input: sale({
        channel: 'reseller',
        payment: 'credit',
        dueDate: due,
        customerName: 'Daeng & Co\nMakassar',
        customerPhone: '+6285240001234',
        items: [{ productId, quantity: 2 }],
        idempotencyKey: 'credit-00001',
      }),
    });
    expect(s.receivable).toEqual({ debtId: expect.any(String), amount: 70000, dueDate: due });
    const order = await m.db().selectFrom('orders').select('status').where('id', '=', s.orderId).executeTakeFirstOrThrow();
    expect(order.status).toBe('fulfilled');
    expect(await balance(shopId, '1201')).toBe(70000);
    expect(await balance(shopId, '4101')).toBe(-70000);
    expect(await balance(shopId, '5101')).toBe(44000);
    const debtId = s.receivable!.debtId;
    const listed = await m.listDebts({ shopId, role: 'staff', kind: 'receivable' });
    expect(listed.debts.map((d) => [d.partyName, d.outstanding, d.dueDate, d.overdue, d.orderCode])).toEqual([
      ['Daeng & Co\nMakassar', 70000, due, false, s.code],
    ]);
    await expect(m.listDebts({ shopId, role: 'staff', kind: 'payable' })).rejects.toMatchObject({ status: 403 });

    expect(
      await m.settleDebt({
        shopId,
        role: 'staff',
        userId,
        debtId,
        input: { amount: 30000, paidWith: 'cash', date: null, idempotencyKey: 'settle-0001' },
      }),
    ).toEqual({ recorded: true, outstanding: 40000 });
    expect(
      await m.settleDebt({
        shopId,
        role: 'staff',
        userId,
        debtId,
        input: { amount: 30000, paidWith: 'cash', date: null, idempotencyKey: 'settle-0001' },
      }),
    ).toEqual({ recorded: false, outstanding: 40000 });
    await expect(
      m.settleDebt({
        shopId,
        role: 'staff',
        userId,
        debtId,
        input: { amount: 50000, paidWith: 'cash', date: null, idempotencyKey: 'settle-0002' },
      }),
    ).rejects.toMatchObject({ status: 400, fields: { amount: ['ledger.settleTooMuch'] }, params: { max: 'Rp 40.000' } });

    const reminder = await m.getDebtReminder({ shopId, role: 'staff', debtId });
    expect(reminder.url.startsWith('https://wa.me/6285240001234?text=')).toBe(true);
    const text = decodeURIComponent(reminder.url.split('?text=')[1]!);
    expect(text).toBe(reminder.text);
    expect(text).toContain('Halo Daeng & Co Makassar');
    expect(text).toContain('Rp 40.000');
    expect(text).toContain(s.code);
    expect(reminder.url).not.toMatch(/[&\n ]Co/);
    const [y, mo, d] = due.split('-').map(Number);
    expect(text).toContain(
      new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, mo! - 1, d!))),
    );

    expect(
      await m.settleDebt({
        shopId,
        role: 'staff',
        userId,
        debtId,
        input: { amount: 40000, paidWith: 'bank', date: null, idempotencyKey: 'settle-0003' },
      }),
    ).toEqual({ recorded: true, outstanding: 0 });
    expect((await m.listDebts({ shopId, role: 'owner', kind: 'receivable' })).debts).toEqual([]);
    expect((await m.listDebts({ shopId, role: 'owner', kind: 'receivable', openOnly: false })).debts[0]).toMatchObject({
      settled: 70000,
      outstanding: 0,
    });
    await expect(m.getDebtReminder({ shopId, role: 'staff', debtId })).rejects.toMatchObject({ status: 409 });
    expect([await balance(shopId, '1201'), await balance(shopId, '1101'), await balance(shopId, '1102')]).toEqual([0, 30000, 40000]);

    // An English-speaking customer gets an English reminder.
    const en = await m.recordQuickSale({
      shopId,
      role: 'owner',
      userId,
      input: sale({
        payment: 'credit',
        dueDate: due,
        customerName: 'Anna',
        customerPhone: '081234567890',
        customerLocale: 'en',
        items: [{ productId, quantity: 1 }],
        idempotencyKey: 'credit-00002',
      }),
    });
    const enText = (await m.getDebtReminder({ shopId, role: 'owner', debtId: en.receivable!.debtId })).text;
    expect(enText).toMatch(/^Hello Anna, greetings from Toko credit-sale\./);
    expect(enText).toContain('Rp 35.000');
    expect(await shopProblems(shopId)).toEqual([]);
    // ledger:check sees a debt whose payments no longer match its entries.
    await m.db().updateTable('ledger_debts').set({ settled: 1 }).where('id', '=', en.receivable!.debtId).execute();
    expect((await shopProblems(shopId)).map((p) => p.kind)).toEqual(['debt_drift']);
  });

  it('returns after fulfilment, per line and the rest: Retur Penjualan, refund or less receivable, stock back at the sale cost', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('returns');
    const { inShop } = await import('#server/tenant/index.ts');
    const second = newId();
    await inShop(shopId, async ({ tx }) => {
      await tx
        .insertInto('products')
        .values({
          shop_id: shopId,
          id: second,
          slug: 'kedua',
          name: 'Kedua',
          price: 10000,
          compare_at_price: null,
          unit_cost: 4000,
          sku: null,
          stock: 20,
          status: 'published',
          created_at: nowIso(),
          updated_at: nowIso(),
        })
        .execute();
    });
    const s = await m.recordQuickSale({
      shopId,
      role: 'staff',
      userId,
      input: sale({
        items: [
          { productId, quantity: 4 },
          { productId: second, quantity: 3 },
        ],
        idempotencyKey: 'ret-sale-0001',
      }),
    });
    expect(s.total).toBe(170000);
    expect(await stockOf(productId)).toEqual({ stock: 36, value: 36 * 22000 });
    // One unit of line 1 comes back: refund from Kas, unit back on the shelf at 22.000.
    const r1 = await m.recordOrderReturn({
      shopId,
      role: 'staff',
      userId,
      code: s.code,
      input: { lines: [{ lineNo: 1, quantity: 1 }], reason: 'kemasan penyok', restock: true, idempotencyKey: 'return-0001' },
    });
    expect(r1).toEqual({
      replayed: false,
      returnId: expect.any(String),
      amount: 35000,
      fromReceivable: 0,
      refunded: 35000,
      restocked: true,
    });
    const n = await counts(shopId);
    expect(
      await m.recordOrderReturn({
        shopId,
        role: 'owner',
        userId,
        code: s.code,
        input: { lines: [{ lineNo: 1, quantity: 1 }], reason: 'kemasan penyok', restock: true, idempotencyKey: 'return-0001' },
      }),
    ).toEqual({ ...r1, replayed: true, cost: 22000 });
    expect(await counts(shopId)).toEqual(n);
    expect(await stockOf(productId)).toEqual({ stock: 37, value: 37 * 22000 });
    await expect(
      m.recordOrderReturn({
        shopId,
        role: 'staff',
        userId,
        code: s.code,
        input: { lines: [{ lineNo: 1, quantity: 4 }], reason: 'x', restock: true, idempotencyKey: 'return-0002' },
      }),
    ).rejects.toMatchObject({ fields: { 'lines.0.quantity': ['sales.returnTooMany'] }, params: { max: 3 } });
    // Everything else, damaged (not restocked): the cost stays in HPP.
    const r2 = await m.recordOrderReturn({
      shopId,
      role: 'owner',
      userId,
      code: s.code,
      input: { reason: 'basi', restock: false, refundFrom: 'bank', idempotencyKey: 'return-0003' },
    });
    expect(r2).toMatchObject({ amount: 3 * 35000 + 3 * 10000, refunded: 135000, restocked: false, cost: 0 });
    expect(await stockOf(second)).toEqual({ stock: 17, value: 17 * 4000 });
    await expect(
      m.recordOrderReturn({
        shopId,
        role: 'owner',
        userId,
        code: s.code,
        input: { reason: 'lagi', restock: true, idempotencyKey: 'return-0004' },
      }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'sales.nothingToReturn' });
    expect(await balance(shopId, '4102')).toBe(170000);
    expect(await balance(shopId, '1101')).toBe(170000 - 35000);
    expect(await balance(shopId, '1102')).toBe(-135000);
    expect(await balance(shopId, '5101')).toBe(4 * 22000 + 3 * 4000 - 22000);
    const events = await m
      .db()
      .selectFrom('order_events')
      .select(['type', 'actor_user_id', 'details'])
      .where('order_id', '=', s.orderId)
      .where('type', '=', 'returned')
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => [e.actor_user_id, JSON.parse(e.details).reason])).toEqual([
      [userId, 'kemasan penyok'],
      [userId, 'basi'],
    ]);

    // A credit sale's return takes the receivable down first.
    const c = await m.recordQuickSale({
      shopId,
      role: 'staff',
      userId,
      input: sale({
        payment: 'credit',
        dueDate: addDays(await today(shopId), 3),
        customerName: 'Ani',
        items: [{ productId, quantity: 2 }],
        idempotencyKey: 'ret-sale-0002',
      }),
    });
    await m.settleDebt({
      shopId,
      role: 'staff',
      userId,
      debtId: c.receivable!.debtId,
      input: { amount: 50000, paidWith: 'cash', date: null, idempotencyKey: 'ret-settle-01' },
    });
    const r3 = await m.recordOrderReturn({
      shopId,
      role: 'staff',
      userId,
      code: c.code,
      input: { reason: 'salah ukuran', restock: true, idempotencyKey: 'return-0005' },
    });
    expect(r3).toEqual({
      replayed: false,
      returnId: expect.any(String),
      amount: 70000,
      fromReceivable: 20000,
      refunded: 50000,
      restocked: true,
    });
    expect((await m.listDebts({ shopId, role: 'owner', kind: 'receivable', openOnly: false })).debts[0]).toMatchObject({
      settled: 50000,
      reduced: 20000,
      outstanding: 0,
    });
    // The sales report counts every return after delivery, as Retur Penjualan does.
    const { getSalesReport } = await import('#server/ledger/get-sales-report.ts');
    const day = await today(shopId);
    const report = await getSalesReport({ shopId, role: 'staff', from: day, to: day, groupBy: 'day' });
    expect(report.total).toMatchObject({ gross: 170000 + 70000, returns: 170000 + 70000, net: 0, orders: 2 });
    // Not delivered: no return.
    const { placeOrder } = await import('../helpers/ledger.ts');
    const pending = await placeOrder(shopId, productId, 1);
    await expect(
      m.recordOrderReturn({
        shopId,
        role: 'staff',
        userId,
        code: pending.code,
        input: { reason: 'x', restock: true, idempotencyKey: 'return-0006' },
      }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'sales.returnNotFulfilled' });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('cash book: expense, capital, prive, purchase on credit, equipment with monthly depreciation posted once; staff are refused', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('cash-book');
    const day = await today(shopId);
    const exp = await m.recordExpense({
      shopId,
      role: 'owner',
      userId,
      input: {
        account: '5302',
        amount: 50000,
        paidWith: 'cash',
        date: null,
        memo: 'sewa lapak',
        partyName: 'Pasar',
        receiptMediaId: null,
        idempotencyKey: 'expense-0001',
      },
    });
    expect(exp).toMatchObject({ recorded: true, day, debtId: null });
    expect(
      await m.recordExpense({
        shopId,
        role: 'owner',
        userId,
        input: {
          account: '5302',
          amount: 50000,
          paidWith: 'cash',
          date: null,
          memo: 'sewa lapak',
          partyName: 'Pasar',
          receiptMediaId: null,
          idempotencyKey: 'expense-0001',
        },
      }),
    ).toMatchObject({ recorded: false, id: exp.id });
    await expect(
      m.recordExpense({
        shopId,
        role: 'owner',
        userId,
        input: {
          account: '5101',
          amount: 1,
          paidWith: 'cash',
          date: null,
          memo: '',
          partyName: '',
          receiptMediaId: null,
          idempotencyKey: 'expense-0002',
        },
      }),
    ).rejects.toMatchObject({ fields: { account: ['ledger.accountNotAllowed'] } });
    await expect(
      m.recordExpense({
        shopId,
        role: 'owner',
        userId,
        input: {
          account: '5399',
          amount: 1,
          paidWith: 'cash',
          date: null,
          memo: '',
          partyName: '',
          receiptMediaId: 'nope',
          idempotencyKey: 'expense-0003',
        },
      }),
    ).rejects.toMatchObject({ fields: { receiptMediaId: ['ledger.receiptNotFound'] } });
    await expect(
      m.recordExpense({
        shopId,
        role: 'owner',
        userId,
        input: {
          account: '5399',
          amount: 1,
          paidWith: 'cash',
          date: addDays(day, 1),
          memo: '',
          partyName: '',
          receiptMediaId: null,
          idempotencyKey: 'expense-0004',
        },
      }),
    ).rejects.toMatchObject({ fields: { date: ['ledger.dateInFuture'] } });
    await m.recordOwnerMoney({
      shopId,
      role: 'owner',
      userId,
      direction: 'capital',
      input: { amount: 1_000_000, paidWith: 'bank', date: null, memo: '', idempotencyKey: 'capital-0001' },
    });
    await m.recordOwnerMoney({
      shopId,
      role: 'owner',
      userId,
      direction: 'drawing',
      input: { amount: 200_000, paidWith: 'cash', date: null, memo: '', idempotencyKey: 'drawing-0001' },
    });
    const buy = await m.recordCreditPurchase({
      shopId,
      role: 'owner',
      userId,
      input: {
        account: '1302',
        amount: 300_000,
        supplierName: 'Toko Tepung',
        supplierPhone: null,
        dueDate: addDays(day, 30),
        date: null,
        memo: '',
        receiptMediaId: null,
        idempotencyKey: 'credit-buy-01',
      },
    });
    expect(buy.debtId).toEqual(expect.any(String));
    const payables = await m.listDebts({ shopId, role: 'owner', kind: 'payable' });
    expect(payables.debts.map((d) => [d.partyName, d.outstanding])).toEqual([['Toko Tepung', 300_000]]);
    await expect(
      m.settleDebt({
        shopId,
        role: 'staff',
        userId,
        debtId: buy.debtId!,
        input: { amount: 1, paidWith: 'cash', date: null, idempotencyKey: 'pay-000001' },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await m.settleDebt({
      shopId,
      role: 'owner',
      userId,
      debtId: buy.debtId!,
      input: { amount: 100_000, paidWith: 'bank', date: null, idempotencyKey: 'pay-000002' },
    });
    const eq = await m.recordEquipmentPurchase({
      shopId,
      role: 'owner',
      userId,
      input: {
        name: 'Oven',
        cost: 1_200_005,
        salvage: 5,
        lifeMonths: 12,
        paidWith: 'cash',
        supplierName: '',
        supplierPhone: null,
        dueDate: null,
        date: null,
        memo: '',
        receiptMediaId: null,
        idempotencyKey: 'equip-00001',
      },
    });
    expect(eq.assetId).toEqual(expect.any(String));
    const month = day.slice(0, 7);
    expect(await m.postDepreciation({ shopId, role: 'owner', userId, month })).toEqual({ posted: 1, amount: 100_000 });
    expect(await m.postDepreciation({ shopId, role: 'owner', userId, month })).toEqual({ posted: 0, amount: 0 });
    expect(await m.postDepreciation({ shopId, role: 'owner', userId, month: prevMonth(day) })).toEqual({ posted: 0, amount: 0 });

    const bs = await m.getBalanceSheet({ shopId, role: 'owner', asOf: day });
    expect(bs.assets.map((l) => [l.code, l.amount])).toEqual([
      ['1101', -50_000 - 200_000 - 1_200_005],
      ['1102', 1_000_000 - 100_000],
      ['1302', 300_000],
      ['1501', 1_200_005],
      ['1502', -100_000],
    ]);
    expect(bs.liabilities.map((l) => [l.code, l.amount])).toEqual([['2101', 200_000]]);
    expect(bs.totalAssets).toBe(bs.totalLiabilities + bs.totalEquity);
    const pl = await m.getProfitLoss({ shopId, role: 'owner', from: day, to: day });
    expect(pl.expenses.map((l) => [l.code, l.amount])).toEqual([
      ['5205', 100_000],
      ['5302', 50_000],
    ]);
    expect(pl.netIncome).toBe(-150_000);

    const input = { amount: 1, paidWith: 'cash' as const, date: null, memo: '', idempotencyKey: 'staff-00001' };
    await expect(
      m.recordExpense({ shopId, role: 'staff', userId, input: { ...input, account: '5399', partyName: '', receiptMediaId: null } }),
    ).rejects.toMatchObject({ status: 403 });
    for (const direction of ['capital', 'drawing'] as const)
      await expect(m.recordOwnerMoney({ shopId, role: 'staff', userId, direction, input })).rejects.toMatchObject({ status: 403 });
    await expect(
      m.recordCreditPurchase({
        shopId,
        role: 'staff',
        userId,
        input: { ...input, account: '1302', supplierName: 'x', supplierPhone: null, dueDate: null, receiptMediaId: null },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      m.recordEquipmentPurchase({
        shopId,
        role: 'staff',
        userId,
        input: {
          name: 'x',
          cost: 2,
          salvage: 0,
          lifeMonths: 1,
          paidWith: 'cash',
          supplierName: '',
          supplierPhone: null,
          dueDate: null,
          date: null,
          memo: '',
          receiptMediaId: null,
          idempotencyKey: 'staff-00002',
        },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(m.postDepreciation({ shopId, role: 'staff', userId, month })).rejects.toMatchObject({ status: 403 });
    await expect(m.closeMonth({ shopId, role: 'staff', userId, month: prevMonth(day) })).rejects.toMatchObject({ status: 403 });
    const staffEntries = await m
      .db()
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('created_by', '=', userId)
      .where('idem_key', 'like', '%staff-%')
      .execute();
    expect(staffEntries).toEqual([]);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('month close: a dated posting into the closed month is refused; its corrections post today, marked as belonging to it', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('month-close');
    const day = await today(shopId);
    const last = prevMonth(day);
    const exp = await m.recordExpense({
      shopId,
      role: 'owner',
      userId,
      input: {
        account: '5303',
        amount: 12_000,
        paidWith: 'cash',
        date: `${last}-05`,
        memo: 'listrik',
        partyName: '',
        receiptMediaId: null,
        idempotencyKey: 'close-exp-01',
      },
    });
    const eq = await m.recordEquipmentPurchase({
      shopId,
      role: 'owner',
      userId,
      input: {
        name: 'Etalase kaca',
        cost: 600_000,
        salvage: 0,
        lifeMonths: 24,
        paidWith: 'bank',
        supplierName: '',
        supplierPhone: null,
        dueDate: null,
        date: `${last}-10`,
        memo: '',
        receiptMediaId: null,
        idempotencyKey: 'close-eq-01',
      },
    });
    expect(eq.day).toBe(`${last}-10`);
    await expect(m.closeMonth({ shopId, role: 'owner', userId, month: day.slice(0, 7) })).rejects.toMatchObject({
      fields: { month: ['ledger.monthNotOver'] },
    });
    expect(await m.closeMonth({ shopId, role: 'owner', userId, month: last })).toEqual({ closed: true, month: last });
    expect(await m.closeMonth({ shopId, role: 'owner', userId, month: last })).toEqual({ closed: false, month: last });
    const lastPl = async () => m.getProfitLoss({ shopId, role: 'owner', from: `${last}-01`, to: lastDayOf(last) });
    // The equipment bought in the ended month depreciated for it when the entry was recorded (600,000 / 24).
    expect((await lastPl()).netIncome).toBe(-12_000 - 25_000);

    await expect(
      m.recordExpense({
        shopId,
        role: 'owner',
        userId,
        input: {
          account: '5303',
          amount: 1_000,
          paidWith: 'cash',
          date: `${last}-20`,
          memo: '',
          partyName: '',
          receiptMediaId: null,
          idempotencyKey: 'close-exp-02',
        },
      }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'ledger.periodClosed', params: { month: last } });
    // The wrong expense is reversed: posted today, belonging to the closed month; that month's report does not change.
    const rev = await m.reverseEntry({ shopId, role: 'owner', userId, entryId: exp.entryId });
    const revRow = await m
      .db()
      .selectFrom('journal_entries')
      .select(['day', 'belongs_to'])
      .where('id', '=', rev.entryId)
      .executeTakeFirstOrThrow();
    expect(revRow).toEqual({ day, belongs_to: last });
    // The closed month's depreciation is in it, once: asking again posts nothing.
    expect(await m.postDepreciation({ shopId, role: 'owner', userId, month: last })).toEqual({ posted: 0, amount: 0 });
    const dep = await m
      .db()
      .selectFrom('journal_entries')
      .select(['day', 'belongs_to'])
      .where('shop_id', '=', shopId)
      .where('source_type', '=', 'depreciation')
      .execute();
    expect(dep).toEqual([{ day: lastDayOf(last), belongs_to: null }]);
    expect((await lastPl()).netIncome).toBe(-12_000 - 25_000);
    const now = await m.getProfitLoss({ shopId, role: 'owner', from: `${day.slice(0, 7)}-01`, to: day });
    expect(now.expenses.map((l) => [l.code, l.amount])).toEqual([['5303', -12_000]]);
    expect(await shopProblems(shopId)).toEqual([]);
    // ledger:check sees a posting slipped into a closed month behind the use cases' back.
    const { inShop } = await import('#server/tenant/index.ts');
    await inShop(shopId, async ({ tx }) => {
      await tx.updateTable('ledger_periods').set({ closed_at: '2000-01-01T00:00:00.000Z' }).where('shop_id', '=', shopId).execute();
    });
    expect((await shopProblems(shopId)).map((p) => p.kind)).toEqual([
      'closed_period_posting',
      'closed_period_posting',
      'closed_period_posting',
    ]);
  });

  it('the same sale sent three times at once is one sale; two settlements of the whole debt at once pay it once', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('concurrent');
    const input = sale({
      payment: 'credit',
      dueDate: addDays(await today(shopId), 1),
      customerName: 'Ani',
      items: [{ productId, quantity: 2 }],
      idempotencyKey: 'concurrent-0001',
    });
    const results = await Promise.all([1, 2, 3].map(() => m.recordQuickSale({ shopId, role: 'staff', userId, input })));
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await stockOf(productId)).toEqual({ stock: 38, value: 38 * 22000 });
    expect(await counts(shopId)).toMatchObject({ orders: 1, debts: 1 });
    const debtId = results[0]!.receivable!.debtId;
    const settled = await Promise.allSettled(
      ['a', 'b'].map((k) =>
        m.settleDebt({
          shopId,
          role: 'staff',
          userId,
          debtId,
          input: { amount: 70000, paidWith: 'cash', date: null, idempotencyKey: `concurrent-settle-${k}` },
        }),
      ),
    );
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(settled.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual([409]);
    expect(await balance(shopId, '1201')).toBe(0);
    expect(await balance(shopId, '1101')).toBe(70000);
    expect(await shopProblems(shopId)).toEqual([]);
  });
});
