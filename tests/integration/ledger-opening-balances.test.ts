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

async function balances(shopId: string) {
  const { inShop } = await import('#server/tenant/index.ts');
  const { balancesOf } = await import('#server/ledger/period-totals.ts');
  const codes = ['1101', '1102', '1201', '1301', '1501', '2101', '3101'];
  const b = await inShop(shopId, (scope) => balancesOf(scope, codes));
  return Object.fromEntries(codes.map((c) => [c, b(c)]));
}

async function stockOf(productId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const r = await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
  return { stock: r.stock, value: r.stock_value === null ? null : Number(r.stock_value) };
}

async function debts(shopId: string) {
  const { listDebts } = await import('#server/ledger/list-debts.ts');
  const of = async (kind: 'receivable' | 'payable') =>
    (await listDebts({ shopId, role: 'owner', kind })).debts.map((d) => [d.partyName, d.outstanding, d.dueDate]);
  return { receivable: await of('receivable'), payable: await of('payable') };
}

describe(`opening balances, saldo awal (${dbName})`, () => {
  it('posts once with Modal Pemilik balancing; inventory becomes the storefront stock; a second submission corrects', async () => {
    const { setOpeningBalances } = await import('#server/ledger/set-opening-balances.ts');
    const { shopId, productId, userId } = await ledgerShop('opening', { price: 35000, cost: 22000, stock: null });
    const day = await today(shopId);
    const input = {
      date: day,
      cash: 500_000,
      bank: 2_000_000,
      receivables: [
        { name: 'Warung Daeng Puji', phone: '+6285240001111', amount: 100_000, dueDate: day },
        { name: 'Ibu Sitti', phone: null, amount: 50_000, dueDate: null },
      ],
      equipment: 1_000_000,
      payables: [{ name: 'Toko Tepung', phone: null, amount: 400_000, dueDate: null }],
      inventory: [{ productId, variantId: null, quantity: 30, unitCost: 20_000 }],
      idempotencyKey: 'opening-0001',
    };
    const first = await setOpeningBalances({ shopId, role: 'owner', userId, input });
    expect(first).toMatchObject({ recorded: true, capital: 500_000 + 2_000_000 + 150_000 + 600_000 + 1_000_000 - 400_000 });
    expect(await setOpeningBalances({ shopId, role: 'owner', userId, input })).toEqual({ ...first, recorded: false });
    expect(await stockOf(productId)).toEqual({ stock: 30, value: 600_000 });
    expect(await balances(shopId)).toEqual({
      1101: 500_000,
      1102: 2_000_000,
      1201: 150_000,
      1301: 600_000,
      1501: 1_000_000,
      2101: -400_000,
      3101: -3_850_000,
    });
    expect(await debts(shopId)).toEqual({
      receivable: [
        ['Warung Daeng Puji', 100_000, day],
        ['Ibu Sitti', 50_000, null],
      ],
      payable: [['Toko Tepung', 400_000, null]],
    });
    // Corrected: fewer goods, no payable. The first opening and its stock are reversed, the new one posts.
    const second = await setOpeningBalances({
      shopId,
      role: 'owner',
      userId,
      input: {
        ...input,
        payables: [],
        inventory: [{ productId, variantId: null, quantity: 10, unitCost: 21_000 }],
        idempotencyKey: 'opening-0002',
      },
    });
    expect(second).toMatchObject({ recorded: true, capital: 500_000 + 2_000_000 + 150_000 + 210_000 + 1_000_000 });
    expect(await stockOf(productId)).toEqual({ stock: 10, value: 210_000 });
    expect(await balances(shopId)).toEqual({
      1101: 500_000,
      1102: 2_000_000,
      1201: 150_000,
      1301: 210_000,
      1501: 1_000_000,
      2101: 0,
      3101: -3_860_000,
    });
    // The first opening's debts are cancelled with it; the correction's own receivables stand, no payable.
    expect(await debts(shopId)).toEqual({
      receivable: [
        ['Warung Daeng Puji', 100_000, day],
        ['Ibu Sitti', 50_000, null],
      ],
      payable: [],
    });
    expect(await shopProblems(shopId)).toEqual([]);
    await expect(
      setOpeningBalances({ shopId, role: 'staff', userId, input: { ...input, idempotencyKey: 'opening-0003' } }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  it('refused in a closed month, and for another shop’s product; nothing is written', async () => {
    const { setOpeningBalances } = await import('#server/ledger/set-opening-balances.ts');
    const { closeMonth } = await import('#server/ledger/close-month.ts');
    const { addMonths } = await import('#server/ledger/depreciation.ts');
    const { shopId, userId } = await ledgerShop('opening-closed');
    const other = await ledgerShop('opening-other');
    const day = await today(shopId);
    const last = addMonths(day.slice(0, 7), -1);
    await closeMonth({ shopId, role: 'owner', userId, month: last });
    const base = { cash: 100_000, bank: 0, receivables: [], equipment: 0, payables: [], inventory: [] };
    await expect(
      setOpeningBalances({ shopId, role: 'owner', userId, input: { ...base, date: `${last}-01`, idempotencyKey: 'opening-closed-1' } }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'ledger.periodClosed' });
    await expect(
      setOpeningBalances({
        shopId,
        role: 'owner',
        userId,
        input: {
          ...base,
          date: day,
          inventory: [{ productId: other.productId, variantId: null, quantity: 1, unitCost: 1 }],
          idempotencyKey: 'opening-closed-2',
        },
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await balances(shopId)).toMatchObject({ 1101: 0, 3101: 0 });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('opening receivables and payables are named debts: settled in part, reminded over WhatsApp; then the opening can no longer be replaced', async () => {
    const { setOpeningBalances } = await import('#server/ledger/set-opening-balances.ts');
    const { settleDebt } = await import('#server/ledger/settle-debt.ts');
    const { getDebtReminder } = await import('#server/ledger/get-debt-reminder.ts');
    const { listDebts } = await import('#server/ledger/list-debts.ts');
    const { shopId, userId } = await ledgerShop('opening-debts');
    const day = await today(shopId);
    const input = {
      date: day,
      cash: 200_000,
      bank: 0,
      receivables: [{ name: 'Kios Malino', phone: '+6285240002222', amount: 300_000, dueDate: day }],
      equipment: 0,
      payables: [{ name: 'Toko Plastik', phone: null, amount: 120_000, dueDate: null }],
      inventory: [],
      idempotencyKey: 'opening-debts-1',
    };
    expect(await setOpeningBalances({ shopId, role: 'owner', userId, input })).toMatchObject({ capital: 200_000 + 300_000 - 120_000 });
    const [receivable] = (await listDebts({ shopId, role: 'staff', kind: 'receivable' })).debts;
    const [payable] = (await listDebts({ shopId, role: 'owner', kind: 'payable' })).debts;
    expect(receivable).toMatchObject({ partyName: 'Kios Malino', partyPhone: '+6285240002222', amount: 300_000, orderCode: null });
    const reminder = await getDebtReminder({ shopId, role: 'staff', debtId: receivable!.id });
    expect(reminder.url.startsWith('https://wa.me/6285240002222?text=')).toBe(true);
    expect(reminder.text).toContain('Kios Malino');
    expect(reminder.text).toContain('Rp 300.000');
    expect(reminder.text).not.toContain('  ');
    const pay = (debtId: string, amount: number, key: string) =>
      settleDebt({ shopId, role: 'owner', userId, debtId, input: { amount, paidWith: 'cash', date: null, idempotencyKey: key } });
    expect(await pay(receivable!.id, 100_000, 'opening-debts-pay-1')).toEqual({ recorded: true, outstanding: 200_000 });
    expect(await pay(payable!.id, 120_000, 'opening-debts-pay-2')).toEqual({ recorded: true, outstanding: 0 });
    expect(await debts(shopId)).toEqual({ receivable: [['Kios Malino', 200_000, day]], payable: [] });
    expect(await balances(shopId)).toMatchObject({ 1101: 200_000 + 100_000 - 120_000, 1201: 200_000, 2101: 0 });
    await expect(
      setOpeningBalances({ shopId, role: 'owner', userId, input: { ...input, cash: 1, idempotencyKey: 'opening-debts-2' } }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'ledger.openingDebtPaid' });
    expect(await balances(shopId)).toMatchObject({ 1101: 180_000, 1201: 200_000, 2101: 0, 3101: -380_000 });
    expect(await shopProblems(shopId)).toEqual([]);
  });
});
