import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { ledgerShop, shopProblems, today } from '../helpers/ledger.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await env.close();
});

const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

async function mods() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { recordExpense } = await import('#server/ledger/record-expense.ts');
  const { recordOwnerMoney } = await import('#server/ledger/record-owner-money.ts');
  const { recordCreditPurchase } = await import('#server/ledger/record-credit-purchase.ts');
  const { recordEquipmentPurchase } = await import('#server/ledger/record-equipment-purchase.ts');
  const { settleDebt } = await import('#server/ledger/settle-debt.ts');
  const { listDebts } = await import('#server/ledger/list-debts.ts');
  const { listCashBook } = await import('#server/ledger/list-cash-book.ts');
  const { reverseEntry } = await import('#server/ledger/reverse-entry.ts');
  const { closeMonth } = await import('#server/ledger/close-month.ts');
  const { addMonths, lastDayOf } = await import('#server/ledger/depreciation.ts');
  return {
    db,
    recordExpense,
    recordOwnerMoney,
    recordCreditPurchase,
    recordEquipmentPurchase,
    settleDebt,
    listDebts,
    listCashBook,
    reverseEntry,
    closeMonth,
    addMonths,
    lastDayOf,
  };
}

const equipment = (over: Record<string, unknown>) =>
  ({
    name: 'Oven',
    cost: 1_200_000,
    salvage: 0,
    lifeMonths: 12,
    paidWith: 'cash',
    supplierName: '',
    supplierPhone: null,
    dueDate: null,
    date: null,
    memo: '',
    receiptMediaId: null,
    ...over,
  }) as never;

async function depreciation(shopId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  return db()
    .selectFrom('journal_entries')
    .innerJoin('journal_postings', (j) =>
      j.onRef('journal_postings.shop_id', '=', 'journal_entries.shop_id').onRef('journal_postings.entry_id', '=', 'journal_entries.id'),
    )
    .select(['journal_entries.day', 'journal_entries.source_type', 'journal_postings.amount'])
    .where('journal_entries.shop_id', '=', shopId)
    .where('journal_postings.account_code', '=', '5205')
    .orderBy('journal_entries.created_at')
    .execute()
    .then((rows) => rows.map((r) => [r.day, r.source_type, Number(r.amount)]));
}

describe(`cash book list and reversal, depreciation from events (${dbName})`, () => {
  it('ended months depreciate with the next cash-book entry and at month close, once each; the running month waits', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('dep-events');
    const day = await today(shopId);
    const month = day.slice(0, 7);
    const twoAgo = m.addMonths(month, -2);
    await m.recordEquipmentPurchase({
      shopId,
      role: 'owner',
      userId,
      input: equipment({ date: `${twoAgo}-15`, idempotencyKey: 'dep-eq-0001' }),
    });
    // Bought two months ago: its first two months have ended and are posted with the purchase itself.
    expect(await depreciation(shopId)).toEqual([
      [m.lastDayOf(twoAgo), 'depreciation', 100_000],
      [m.lastDayOf(m.addMonths(month, -1)), 'depreciation', 100_000],
    ]);
    // Another cash-book entry and a month close post nothing new: each asset-month posts once.
    await m.recordOwnerMoney({
      shopId,
      role: 'owner',
      userId,
      direction: 'capital',
      input: { amount: 5_000_000, paidWith: 'bank', date: null, memo: '', idempotencyKey: 'dep-cap-0001' },
    });
    await m.closeMonth({ shopId, role: 'owner', userId, month: m.addMonths(month, -1) });
    expect(await depreciation(shopId)).toHaveLength(2);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('closing a month posts the depreciation still due for it before the lock', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('dep-close');
    const { inShop } = await import('#server/tenant/index.ts');
    const day = await today(shopId);
    const last = m.addMonths(day.slice(0, 7), -1);
    await m.recordEquipmentPurchase({
      shopId,
      role: 'owner',
      userId,
      input: equipment({ cost: 240_000, lifeMonths: 24, date: `${last}-02`, idempotencyKey: 'dep-close-01' }),
    });
    // As if the asset had been recorded before depreciation was posted by events: nothing posted yet.
    await inShop(shopId, async ({ tx }) => {
      await tx.deleteFrom('journal_postings').where('shop_id', '=', shopId).where('account_code', 'in', ['5205', '1502']).execute();
      await tx.deleteFrom('journal_entries').where('shop_id', '=', shopId).where('source_type', '=', 'depreciation').execute();
      await tx.deleteFrom('ledger_totals').where('shop_id', '=', shopId).where('account_code', 'in', ['5205', '1502']).execute();
      await tx.updateTable('fixed_assets').set({ depreciated_through: null }).where('shop_id', '=', shopId).execute();
    });
    expect(await depreciation(shopId)).toEqual([]);
    await m.closeMonth({ shopId, role: 'owner', userId, month: last });
    expect(await depreciation(shopId)).toEqual([[m.lastDayOf(last), 'depreciation', 10_000]]);
  });

  it('the recent records list newest first; reversing a credit purchase cancels its payable, a paid one is refused', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('cash-reverse');
    const day = await today(shopId);
    const credit = (key: string, amount: number) =>
      m.recordCreditPurchase({
        shopId,
        role: 'owner',
        userId,
        input: {
          account: '1302',
          amount,
          supplierName: 'Toko Plastik',
          supplierPhone: null,
          dueDate: day,
          date: null,
          memo: '',
          receiptMediaId: null,
          idempotencyKey: key,
        },
      });
    const a = await credit('rev-credit-01', 300_000);
    const b = await credit('rev-credit-02', 200_000);
    await m.settleDebt({
      shopId,
      role: 'owner',
      userId,
      debtId: b.debtId!,
      input: { amount: 50_000, paidWith: 'cash', date: null, idempotencyKey: 'rev-pay-0001' },
    });
    const list = await m.listCashBook({ shopId, role: 'owner' });
    expect(list.entries.map((e) => [e.id, e.kind, e.amount, e.accountNameId, e.reversalId])).toEqual([
      [b.id, 'purchase_credit', 200_000, 'Bahan Baku', null],
      [a.id, 'purchase_credit', 300_000, 'Bahan Baku', null],
    ]);
    await expect(m.listCashBook({ shopId, role: 'staff' })).rejects.toMatchObject({ status: 403 });

    const rev = await m.reverseEntry({ shopId, role: 'owner', userId, entryId: a.entryId });
    const payables = await m.listDebts({ shopId, role: 'owner', kind: 'payable', openOnly: true });
    expect(payables.debts.map((d) => [d.id, d.outstanding])).toEqual([[b.debtId, 150_000]]);
    expect(payables.totalOutstanding).toBe(150_000);
    expect((await m.listCashBook({ shopId, role: 'owner' })).entries.find((e) => e.id === a.id)?.reversalId).toBe(rev.entryId);
    // Part of b's payable is paid: reversing it would leave that payment without a debt.
    await expect(m.reverseEntry({ shopId, role: 'owner', userId, entryId: b.entryId })).rejects.toMatchObject({
      status: 409,
      messageKey: 'ledger.payablePartlyPaid',
    });
    await expect(m.reverseEntry({ shopId, role: 'owner', userId, entryId: a.entryId })).rejects.toMatchObject({ status: 409 });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('reversing an equipment purchase takes back its depreciation and stops it', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('equip-reverse');
    const day = await today(shopId);
    const month = day.slice(0, 7);
    const eq = await m.recordEquipmentPurchase({
      shopId,
      role: 'owner',
      userId,
      input: equipment({ date: `${m.addMonths(month, -1)}-01`, idempotencyKey: 'rev-equip-01' }),
    });
    expect(await depreciation(shopId)).toEqual([[m.lastDayOf(m.addMonths(month, -1)), 'depreciation', 100_000]]);
    await m.reverseEntry({ shopId, role: 'owner', userId, entryId: eq.entryId });
    expect(await depreciation(shopId)).toEqual([
      [m.lastDayOf(m.addMonths(month, -1)), 'depreciation', 100_000],
      [day, 'reversal', -100_000],
    ]);
    const asset = await m.db().selectFrom('fixed_assets').select('stopped_at').where('shop_id', '=', shopId).executeTakeFirstOrThrow();
    expect(asset.stopped_at).toEqual(expect.any(String));
    const { postDepreciation } = await import('#server/ledger/post-depreciation.ts');
    expect(await postDepreciation({ shopId, role: 'owner', userId, month })).toEqual({ posted: 0, amount: 0 });
    const { getBalanceSheet } = await import('#server/ledger/get-balance-sheet.ts');
    const bs = await getBalanceSheet({ shopId, role: 'owner', asOf: day });
    expect(bs.assets.filter((l) => l.amount !== 0)).toEqual([]);
    expect(await shopProblems(shopId)).toEqual([]);
  });
});
