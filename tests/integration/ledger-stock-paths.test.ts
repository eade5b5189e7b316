import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { ledgerShop, moveOrder, placeOrder, shopProblems } from '../helpers/ledger.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await env.close();
});

const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

async function item(productId: string, variantId: string | null = null) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const row = variantId
    ? await db().selectFrom('product_variants').select(['stock', 'stock_value']).where('id', '=', variantId).executeTakeFirstOrThrow()
    : await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
  // Sorted: movements of one transaction share a timestamp, so their order is not stored.
  const kinds = (
    await db()
      .selectFrom('stock_movements')
      .select('kind')
      .where('product_id', '=', productId)
      .where('variant_id', '=', variantId ?? '')
      .execute()
  )
    .map((m) => m.kind)
    .sort();
  return { stock: row.stock, value: row.stock_value === null ? null : Number(row.stock_value), kinds };
}

async function lapseAll(shopId: string) {
  const { inShop } = await import('#server/tenant/index.ts');
  const { lapseOrderHolds } = await import('#server/orders/lapse-order-holds.ts');
  return inShop(shopId, (scope) => lapseOrderHolds(scope, new Date(Date.now() + 86_400_000)));
}

describe(`every stock change is a movement with its value (${dbName})`, () => {
  it('a hold lapses with its value, is taken again on accept at the average, and given back once on cancel', async () => {
    const { shopId, productId } = await ledgerShop('paths-hold', { price: 15000, cost: 9000, stock: 10 });
    const o = await placeOrder(shopId, productId, 3);
    expect(await item(productId)).toMatchObject({ stock: 7, value: 63000 });
    expect(await lapseAll(shopId)).toBe(1);
    expect(await item(productId)).toEqual({ stock: 10, value: 90000, kinds: ['opening', 'release', 'reserve'] });
    expect(await shopProblems(shopId)).toEqual([]);
    await moveOrder(shopId, o.orderId, 'confirmed');
    expect(await item(productId)).toMatchObject({ stock: 7, value: 63000 });
    expect(await shopProblems(shopId)).toEqual([]);
    await moveOrder(shopId, o.orderId, 'cancelled');
    expect(await item(productId)).toEqual({ stock: 10, value: 90000, kinds: ['opening', 'release', 'release', 'reserve', 'reserve'] });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('a card payment after the lapse takes the stock even when it oversells; fulfilment posts what that hold took', async () => {
    const { db, inShop, transitionOrder } = await mods();
    const { shopId, productId } = await ledgerShop('paths-card', { price: 15000, cost: 9000, stock: 4 });
    const first = await placeOrder(shopId, productId, 3);
    await lapseAll(shopId);
    await placeOrder(shopId, productId, 4);
    await inShop(shopId, (scope) => transitionOrder(scope, { orderId: first.orderId, to: 'paid', actor: { kind: 'stripe' } }));
    expect(await item(productId)).toMatchObject({ stock: -3, value: 0 });
    expect(await shopProblems(shopId)).toEqual([]);
    await moveOrder(shopId, first.orderId, 'fulfilled');
    const hpp = await db()
      .selectFrom('journal_postings')
      .select('amount')
      .where('shop_id', '=', shopId)
      .where('account_code', '=', '5101')
      .execute();
    // The oversold hold found no value left at the average: no cost goes to HPP for it, and the books still agree.
    expect(hpp).toEqual([]);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('stock typed on the product page is a count movement once the item is in the books; it cannot be emptied then', async () => {
    const { db, updateProduct } = await mods();
    const { shopId, productId, userId } = await ledgerShop('paths-edit', { price: 15000, cost: 9000, stock: 10 });
    // Not in the books yet: written as it is.
    await updateProduct({ shopId, userId, productId, input: { stock: 12 }, role: 'owner' });
    expect(await item(productId)).toEqual({ stock: 12, value: null, kinds: [] });
    await placeOrder(shopId, productId, 2);
    expect(await item(productId)).toMatchObject({ stock: 10, value: 90000 });
    await updateProduct({ shopId, userId, productId, input: { stock: 6 }, role: 'owner' });
    expect(await item(productId)).toEqual({ stock: 6, value: 54000, kinds: ['count', 'opening', 'reserve'] });
    const diff = await db()
      .selectFrom('journal_postings')
      .select('amount')
      .where('shop_id', '=', shopId)
      .where('account_code', '=', '5207')
      .execute();
    expect(diff.map((p) => Number(p.amount))).toEqual([36000]);
    expect(await shopProblems(shopId)).toEqual([]);
    await expect(updateProduct({ shopId, userId, productId, input: { stock: null, name: 'Baru' }, role: 'owner' })).rejects.toMatchObject({
      fields: { stock: ['ledger.stockStaysTracked'] },
    });
    const p = await db().selectFrom('products').select(['stock', 'name']).where('id', '=', productId).executeTakeFirstOrThrow();
    expect(p).toEqual({ stock: 6, name: 'Barang' });
  });

  it('variant stock edited through the variant list moves with its value; a removed variant is written off first', async () => {
    const { db, updateProduct, createOrder } = await mods();
    const { shopId, productId, userId } = await ledgerShop('paths-variant', { price: 15000, cost: 9000, stock: null });
    await updateProduct({
      shopId,
      userId,
      productId,
      role: 'owner',
      input: {
        variants: [
          { name: 'Kecil', price: 15000, unitCost: 8000, stock: 5 },
          { name: 'Besar', price: 25000, unitCost: 14000, stock: 3 },
        ],
      },
    });
    const vs = await db()
      .selectFrom('product_variants')
      .select(['id', 'name'])
      .where('product_id', '=', productId)
      .orderBy('sort_order')
      .execute();
    const [small, large] = [vs[0]!.id, vs[1]!.id];
    await createOrder({
      shopId,
      locale: 'id',
      input: {
        items: [
          { productId, variantId: small, quantity: 1 },
          { productId, variantId: large, quantity: 1 },
        ],
        customerName: 'Ibu Sitti',
        customerPhone: '+6285240001234',
        delivery: 'pickup',
        destination: null,
        address: '',
        notes: '',
        payment: 'whatsapp',
        idempotencyKey: null,
      },
    });
    expect(await item(productId, small)).toMatchObject({ stock: 4, value: 32000 });
    await updateProduct({
      shopId,
      userId,
      productId,
      role: 'owner',
      input: { variants: [{ id: small, name: 'Kecil', price: 15000, stock: 9 }] },
    });
    expect(await item(productId, small)).toEqual({ stock: 9, value: 72000, kinds: ['count', 'opening', 'reserve'] });
    // Large was left out of the list: its 2 units on the shelf were written off (its held unit leaves with its order).
    expect(await db().selectFrom('product_variants').select('id').where('id', '=', large).execute()).toEqual([]);
    const written = await db()
      .selectFrom('stock_movements')
      .select(['kind', 'quantity', 'value'])
      .where('variant_id', '=', large)
      .where('kind', '=', 'count')
      .execute();
    expect(written.map((m) => ({ ...m, value: Number(m.value) }))).toEqual([{ kind: 'count', quantity: -2, value: -28000 }]);
    expect(await shopProblems(shopId)).toEqual([]);
  });
});

async function mods() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const { transitionOrder } = await import('#server/orders/transition-order.ts');
  const { updateProduct } = await import('#server/catalog/update-product.ts');
  const { createOrder } = await import('#server/orders/create-order.ts');
  return { db, inShop, transitionOrder, updateProduct, createOrder };
}
