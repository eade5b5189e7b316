import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase, ownerDb as db } from '#tests/helpers/db.ts';
import { makeEvent, signEvent, StripeStub } from '#tests/helpers/stripe-stub.ts';
import { connectShop } from '#tests/helpers/stripe-setup.ts';
import { accountBalance, dbName, ledgerShop, placeOrder, shopProblems } from '#tests/helpers/ledger.ts';
import { orderEvents, orderRow } from '#tests/helpers/orders.ts';
import { resetConfig } from '#server/config.ts';
import { ACCOUNTS } from '#server/ledger/chart-template.ts';
import { AppError } from '#server/errors.ts';

/**
 * Card payments net of the fees Stripe actually took: the webhook reads the charge's balance transaction
 * (PaymentIntent retrieve with latest_charge.balance_transaction expanded, the real `stripe` SDK against the
 * loopback stub) and posts its fee_details once, with the payment or later from a charge event.
 */
const stub = new StripeStub();
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let shop: { shopId: string; productId: string };
let account: string;
let seq = 0;

function setFeePercent(percent: number) {
  process.env.PLATFORM_FEE_PERCENT = String(percent);
  resetConfig();
}

beforeAll(async () => {
  await stub.start();
  Object.assign(process.env, stub.env({ PLATFORM_FEE_PERCENT: '2', PUBLIC_URL: 'https://etalase.test' }));
  resetConfig();
  tdb = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await tdb?.close();
  await stub.stop();
});
beforeEach(async () => {
  setFeePercent(2);
  stub.failPaths = null;
  stub.feeModel = { percent: 2.9, fixed: 200_000, taxPercent: 0 };
  // A shop of its own per test: its books start empty, so the bank balance is this test's alone.
  shop = await ledgerShop(`fee${++seq}${dbName === 'postgres' ? 'p' : 's'}`, { price: 35_000, cost: 22_000, stock: 50 });
  account = await connectShop(stub, shop.shopId);
});

async function deliver(event: Record<string, unknown>) {
  const { handleStripeWebhook } = await import('#server/payments/stripe/handle-webhook.ts');
  const { body, signature } = signEvent(event);
  return handleStripeWebhook(body, signature);
}

/** A card order of `quantity` × Rp 35.000 with its Checkout Session opened at the stub. */
async function cardOrder(quantity = 2) {
  const { startCardPaymentAfterCommit } = await import('#server/payments/card.ts');
  const o = await placeOrder(shop.shopId, shop.productId, quantity, null, 'card');
  await startCardPaymentAfterCommit({ shopId: shop.shopId, orderId: o.orderId });
  const sessionId = (await orderRow(shop.shopId, o.orderId)).stripe_checkout_session_id!;
  return { id: o.orderId, sessionId };
}

async function feeEntries(orderId: string) {
  return db()
    .selectFrom('journal_entries')
    .select(['id', 'idem_key'])
    .where('shop_id', '=', shop.shopId)
    .where('idem_key', '=', `order:${orderId}:card-fees`)
    .execute();
}
const bank = () => accountBalance(shop.shopId, ACCOUNTS.bank);
const feeExpense = () => accountBalance(shop.shopId, ACCOUNTS.paymentFees);

/** The stub's fee on a Rupiah amount, as its fee model computes it, in minor units. */
function stubStripeFee(rupiah: number, taxPercent = 0): number {
  const fee = Math.round(rupiah * 100 * 0.029) + 200_000;
  return fee + Math.round((fee * taxPercent) / 100);
}

describe(`card fees from Stripe's balance transaction (${dbName})`, () => {
  it('posts the fee_details with the payment: Beban Pembayaran against Bank, the bank at total minus both fees', async () => {
    stub.feeModel.taxPercent = 11;
    const o = await cardOrder(2);
    const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account });
    expect(await deliver(event)).toEqual({ received: true, outcome: 'processed' });
    // Rp 70.000: Stripe's fee 2.9% + Rp 2.000 = Rp 4.030, VAT 11% on it Rp 443,30 (Stripe's side too), the
    // platform's 2% = Rp 1.400; together Rp 5.873,30, rounded once to Rp 5.873.
    expect(stubStripeFee(70_000, 11)).toBe(447_330);
    expect(await feeExpense()).toBe(5_873);
    expect(await bank()).toBe(70_000 - 5_873);
    const paid = (await orderEvents(shop.shopId, o.id)).find((e) => e.type === 'paid')!;
    expect(paid.details).toMatchObject({ stripe_fee: 4_473, platform_fee: 1_400 });
    // The call the webhook made: the PaymentIntent on the shop's connected account, its charge's balance transaction expanded.
    const call = stub.find('GET', `/v1/payment_intents/${stub.sessions.get(o.sessionId)!.payment_intent}`).at(-1)!;
    expect(call.stripeAccount).toBe(account);
    expect(Object.values(call.form)).toContain('latest_charge.balance_transaction');
    expect(await shopProblems(shop.shopId)).toEqual([]);
  });

  it('the platform fee is the one charged, even after PLATFORM_FEE_PERCENT changed', async () => {
    const o = await cardOrder(1);
    // The session was created at 2%; the platform now takes 5% of new sessions.
    setFeePercent(5);
    await deliver(makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account }));
    const paid = (await orderEvents(shop.shopId, o.id)).find((e) => e.type === 'paid')!;
    // 2% of Rp 35.000 = Rp 700 (not 5% = Rp 1.750); Stripe's Rp 1.015 + Rp 2.000.
    expect(paid.details).toMatchObject({ stripe_fee: 3_015, platform_fee: 700 });
    expect(await bank()).toBe(35_000 - 3_715);
  });

  it('a balance transaction that is not there yet: the payment is recorded alone, charge.updated posts the fees once', async () => {
    const o = await cardOrder(2);
    const session = stub.completeSession(o.sessionId, 'paid', { settled: false });
    await deliver(makeEvent('checkout.session.completed', session, { account }));
    expect((await orderRow(shop.shopId, o.id)).status).toBe('paid');
    expect(await feeEntries(o.id)).toHaveLength(0);
    expect(await bank()).toBe(70_000);
    const pending = (await orderEvents(shop.shopId, o.id)).find((e) => e.type === 'card_fees_pending')!;
    expect(pending.details).toMatchObject({ reason: 'balance_transaction_pending' });
    // A charge.updated without the balance transaction (another field changed) posts nothing.
    expect((await deliver(makeEvent('charge.updated', stub.chargeOf(o.sessionId), { account }))).outcome).toBe('processed');
    expect(await feeEntries(o.id)).toHaveLength(0);

    const settled = stub.settleCharge(stub.chargeOf(o.sessionId).id);
    expect(typeof settled.balance_transaction).toBe('string');
    const updated = makeEvent('charge.updated', settled, { account });
    expect((await deliver(updated)).outcome).toBe('processed');
    expect((await deliver(updated)).outcome).toBe('duplicate');
    // The same fact again under other event ids (charge.succeeded carrying it, a later update): still once.
    await deliver(makeEvent('charge.succeeded', settled, { account }));
    await deliver(makeEvent('charge.updated', settled, { account }));
    expect(await feeEntries(o.id)).toHaveLength(1);
    expect(await bank()).toBe(70_000 - 1_400 - Math.round(stubStripeFee(70_000) / 100));
    expect(await shopProblems(shop.shopId)).toEqual([]);
  });

  it('an asynchronous method: completed unpaid, then async_payment_succeeded, then the fees when Stripe settles', async () => {
    const o = await cardOrder(1);
    await deliver(makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'unpaid'), { account }));
    expect((await orderRow(shop.shopId, o.id)).status).toBe('pending');
    await deliver(makeEvent('checkout.session.async_payment_succeeded', stub.succeedPayment(o.sessionId), { account }));
    expect((await orderRow(shop.shopId, o.id)).status).toBe('paid');
    expect(await feeEntries(o.id)).toHaveLength(0);
    await deliver(makeEvent('charge.updated', stub.settleCharge(stub.chargeOf(o.sessionId).id), { account }));
    expect(await feeEntries(o.id)).toHaveLength(1);
    expect(await bank()).toBe(35_000 - 3_715);
  });

  it('Stripe unreachable: the payment is recorded without fees; a charge event is answered 502 with nothing written and posts on redelivery', async () => {
    const o = await cardOrder(2);
    stub.failPaths = /^\/v1\/(payment_intents|balance_transactions)\//;
    const session = stub.completeSession(o.sessionId, 'paid');
    expect((await deliver(makeEvent('checkout.session.completed', session, { account }))).outcome).toBe('processed');
    expect((await orderRow(shop.shopId, o.id)).status).toBe('paid');
    expect(await feeEntries(o.id)).toHaveLength(0);
    const pending = (await orderEvents(shop.shopId, o.id)).find((e) => e.type === 'card_fees_pending')!;
    expect(pending.details).toMatchObject({ reason: 'api_error' });

    const updated = makeEvent('charge.updated', stub.chargeOf(o.sessionId), { account });
    let err: unknown;
    try {
      await deliver(updated);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(502);
    const claimed = await db()
      .selectFrom('stripe_events')
      .select('event_id')
      .where('shop_id', '=', shop.shopId)
      .where('event_id', '=', updated.id)
      .execute();
    expect(claimed).toHaveLength(0);
    expect(await feeEntries(o.id)).toHaveLength(0);

    stub.failPaths = null;
    expect((await deliver(updated)).outcome).toBe('processed');
    expect(await feeEntries(o.id)).toHaveLength(1);
    expect(await bank()).toBe(70_000 - 1_400 - Math.round(stubStripeFee(70_000) / 100));
  });

  it('a refund gives back the payment, not the fees (Stripe keeps them); a refund is where unposted fees are found too', async () => {
    const a = await cardOrder(1);
    await deliver(makeEvent('checkout.session.completed', stub.completeSession(a.sessionId, 'paid'), { account }));
    await deliver(makeEvent('charge.refunded', stub.refundCharge(a.sessionId), { account }));
    expect((await orderRow(shop.shopId, a.id)).status).toBe('cancelled');
    expect(await feeEntries(a.id)).toHaveLength(1);
    expect(await feeExpense()).toBe(3_715);
    expect(await bank()).toBe(-3_715);

    // Fees not known at payment time; the refund event names the balance transaction and posts them, once.
    const b = await cardOrder(1);
    stub.failPaths = /^\/v1\/payment_intents\//;
    await deliver(makeEvent('checkout.session.completed', stub.completeSession(b.sessionId, 'paid'), { account }));
    stub.failPaths = null;
    expect(await feeEntries(b.id)).toHaveLength(0);
    const refund = makeEvent('charge.refunded', stub.refundCharge(b.sessionId, 1_000_000), { account });
    await deliver(refund);
    await deliver(refund);
    expect(await feeEntries(b.id)).toHaveLength(1);
    expect((await orderRow(shop.shopId, b.id)).stripe_refunded_amount).toBe(10_000);
    expect(await bank()).toBe(-3_715 + 35_000 - 3_715 - 10_000);
    expect(await shopProblems(shop.shopId)).toEqual([]);
  });
});
