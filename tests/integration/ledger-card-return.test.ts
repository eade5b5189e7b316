import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { makeEvent, signEvent, StripeStub } from '#tests/helpers/stripe-stub.ts';
import { connectShop } from '#tests/helpers/stripe-setup.ts';
import { insertOrder, orderRow } from '#tests/helpers/orders.ts';
import { shopProblems } from '#tests/helpers/ledger.ts';

/**
 * A card order returned by the merchant (recordOrderReturn) and refunded through Stripe (charge.refunded)
 * is one return of money: Retur Penjualan posts once, whichever of the two arrives first.
 */
const stub = new StripeStub();
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let shopId: string;
let account: string;
let refunds = 0;
/** Stripe's fee on Rp 35.000 at the stub's 2.9% + Rp 2.000 (PLATFORM_FEE_PERCENT=0: no application fee). */
const CARD_FEE = 3_015;

beforeAll(async () => {
  await stub.start();
  Object.assign(process.env, stub.env({ PLATFORM_FEE_PERCENT: '0', PUBLIC_URL: 'https://etalase.test' }));
  const { resetConfig } = await import('#server/config.ts');
  resetConfig();
  tdb = await useTestDatabase({ seed: true });
  const { shopIdOf } = await import('#tests/helpers/orders.ts');
  shopId = await shopIdOf('hk05');
  account = await connectShop(stub, shopId);
});
afterAll(async () => {
  await tdb?.close();
  await stub.stop();
});

async function deliver(event: Record<string, unknown>) {
  const { handleStripeWebhook } = await import('#server/payments/stripe/handle-webhook.ts');
  const { body, signature } = signEvent(event);
  return handleStripeWebhook(new TextEncoder().encode(body), signature);
}

/** A card order paid through its Checkout Session and delivered: Rp 35.000. */
async function deliveredCardOrder() {
  const { startCardPaymentAfterCommit } = await import('#server/payments/card.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const { fulfilOrder } = await import('#server/orders/fulfil-order.ts');
  const { newOrderCode } = await import('#server/orders/order-code.ts');
  const lines = [{ name: 'Telur Asin Bakar isi 10', unitPrice: 35_000, quantity: 1 }];
  const order = await insertOrder({ shopId, lines, code: newOrderCode('hk05') });
  await startCardPaymentAfterCommit({ shopId, orderId: order.id });
  const session = stub.completeSession((await orderRow(shopId, order.id)).stripe_checkout_session_id!, 'paid');
  await deliver(makeEvent('checkout.session.completed', session, { account }));
  await inShop(shopId, (scope) => fulfilOrder(scope, { orderId: order.id, actor: { kind: 'user', userId: null } }));
  expect((await orderRow(shopId, order.id)).status).toBe('fulfilled');
  return { ...order, session };
}

async function refund(o: Awaited<ReturnType<typeof deliveredCardOrder>>, rupiah: number) {
  const charge = {
    id: `ch_return_${++refunds}`,
    object: 'charge',
    amount: 3_500_000,
    amount_refunded: rupiah * 100,
    currency: 'idr',
    refunded: rupiah === 35_000,
    payment_intent: o.session.payment_intent,
    metadata: o.session.metadata,
    status: 'succeeded',
  };
  await deliver(makeEvent('charge.refunded', charge, { account }));
}

async function returnGoods(code: string, lines?: { lineNo: number; quantity: number }[]) {
  const { recordOrderReturn } = await import('#server/orders/record-order-return.ts');
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const owner = await db()
    .selectFrom('shop_members')
    .select('user_id')
    .where('shop_id', '=', shopId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return recordOrderReturn({
    shopId,
    role: 'owner',
    userId: owner.user_id,
    code,
    input: { lines, reason: 'Telur pecah', restock: false, idempotencyKey: `return-${code}-${lines?.length ?? 'all'}` },
  });
}

/** Sum of the order's postings on an account (debit +). */
async function posted(orderId: string, account: string): Promise<number> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const r = await db()
    .selectFrom('journal_postings')
    .innerJoin('journal_entries', (j) =>
      j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
    )
    .select((eb) => eb.fn.sum<number>('journal_postings.amount').as('s'))
    .where('journal_postings.shop_id', '=', shopId)
    .where('journal_entries.source_id', '=', orderId)
    .where('journal_postings.account_code', '=', account)
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}

describe(`a card order returned and refunded through Stripe (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('posts Retur Penjualan once when the merchant records the return first', async () => {
    const o = await deliveredCardOrder();
    const r = await returnGoods(o.code);
    expect(r).toMatchObject({ amount: 35_000, refunded: 35_000 });
    await refund(o, 35_000);
    expect(await posted(o.id, '4102')).toBe(35_000);
    // Paid in once, given back once; Stripe keeps its fee (the stub's 2.9% + Rp 2.000), booked with the payment.
    expect(await posted(o.id, '1102')).toBe(-CARD_FEE);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('posts Retur Penjualan once when Stripe refunds first, and only the part beyond a partial refund', async () => {
    const o = await deliveredCardOrder();
    await refund(o, 35_000);
    const r = await returnGoods(o.code);
    expect(r).toMatchObject({ amount: 35_000, refunded: 0 });
    expect(await posted(o.id, '4102')).toBe(35_000);
    expect(await posted(o.id, '1102')).toBe(-CARD_FEE);

    const p = await deliveredCardOrder();
    await refund(p, 10_000);
    expect(await returnGoods(p.code)).toMatchObject({ amount: 35_000, refunded: 25_000 });
    expect(await posted(p.id, '4102')).toBe(35_000);
    // The rest of the refund through Stripe afterwards is the same money the return gave back.
    await refund(p, 35_000);
    expect(await posted(p.id, '4102')).toBe(35_000);
    expect(await posted(p.id, '1102')).toBe(-CARD_FEE);
    expect(await shopProblems(shopId)).toEqual([]);
  });
});
