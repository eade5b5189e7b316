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
  const { db } = await import('#server/db/index.ts');
  const r = await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
  return { stock: r.stock, value: r.stock_value === null ? null : Number(r.stock_value) };
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
      receivables: 150_000,
      equipment: 1_000_000,
      payables: 400_000,
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
    // Corrected: fewer goods, no payable. The first opening and its stock are reversed, the new one posts.
    const second = await setOpeningBalances({
      shopId,
      role: 'owner',
      userId,
      input: {
        ...input,
        payables: 0,
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
    const base = { cash: 100_000, bank: 0, receivables: 0, equipment: 0, payables: 0, inventory: [] };
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
});
