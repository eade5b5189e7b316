import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDatabase } from '../helpers/db.ts';
import { makeEvent, signEvent, STUB_WEBHOOK_SECRET, StripeStub } from '../helpers/stripe-stub.ts';
import { connectShop } from '../helpers/stripe-setup.ts';
import { insertOrder, orderEvents, orderRow, shopIdOf } from '../helpers/orders.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { inShop } from '#server/tenant/index.ts';
import { resetConfig } from '#server/config.ts';
import { cardPaymentAvailable, startCardPaymentAfterCommit } from '#server/payments/card.ts';
import { handleStripeWebhook } from '#server/payments/stripe/handle-webhook.ts';
import { AppError } from '#server/errors.ts';

/**
 * The webhook's rules, driven through the same entry point as the route (signature check on the raw
 * body first). tests/integration/stripe-http.test.ts posts signed events to the real server as well.
 */
const stub = new StripeStub();
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let hk05: string;
let roti: string;
let acctA: string;
let acctB: string;

beforeAll(async () => {
  await stub.start();
  Object.assign(process.env, stub.env({ PLATFORM_FEE_PERCENT: '0', PUBLIC_URL: 'https://etalase.test' }));
  resetConfig();
  tdb = await useTestDatabase({ seed: true });
  hk05 = await shopIdOf('hk05');
  roti = await shopIdOf('roti-balang');
});
afterAll(async () => {
  await tdb?.close();
  await stub.stop();
});
beforeEach(async () => {
  acctA = await connectShop(stub, hk05);
  acctB = await connectShop(stub, roti);
});

async function deliver(event: Record<string, any>, opts: { timestamp?: number; secret?: string; tamper?: (b: string) => string } = {}) {
  const { body, signature } = signEvent(event, opts);
  return handleStripeWebhook(new TextEncoder().encode(opts.tamper ? opts.tamper(body) : body), signature);
}
async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}
const processedCount = async () =>
  Number(
    (
      await db()
        .selectFrom('stripe_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const processedIds = async (shopId: string) =>
  (await db().selectFrom('stripe_events').select('event_id').where('shop_id', '=', shopId).execute()).map((r) => r.event_id);

/** A card order with an open Checkout Session at the stub, as a real checkout leaves it. */
async function cardOrder(shopId = hk05, lines = [{ name: 'Telur Asin Bakar isi 10', unitPrice: 35_000, quantity: 1 }]) {
  const order = await insertOrder({ shopId, lines });
  await startCardPaymentAfterCommit({ shopId, orderId: order.id });
  const sessionId = (await orderRow(shopId, order.id)).stripe_checkout_session_id!;
  return { ...order, sessionId };
}
const types = async (shopId: string, orderId: string) => (await orderEvents(shopId, orderId)).map((e) => e.type);

describe(`Stripe webhook (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('checkout.session.completed (paid) pays the order, by Stripe, with the event stored in the same transaction', async () => {
    const o = await cardOrder();
    const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA });
    expect(await deliver(event)).toEqual({ received: true, outcome: 'processed' });
    const row = await orderRow(hk05, o.id);
    expect(row.status).toBe('paid');
    expect(row.stripe_payment_intent_id).toBe(stub.sessions.get(o.sessionId)!.payment_intent);
    const paid = (await orderEvents(hk05, o.id)).find((e) => e.type === 'paid')!;
    expect(paid).toMatchObject({ from_status: 'pending', to_status: 'paid', actor_kind: 'stripe' });
    expect(paid.details).toMatchObject({ session: o.sessionId, amount: 35_000, event: event.id });
    expect(await processedIds(hk05)).toContain(event.id);
  });

  it("posts Stripe's and the platform's fees with the payment, so the bank holds the total net of them (PLATFORM_FEE_PERCENT=2)", async () => {
    process.env.PLATFORM_FEE_PERCENT = '2';
    resetConfig();
    try {
      const o = await cardOrder(hk05, [{ name: 'Telur Asin Bakar isi 10', unitPrice: 35_050, quantity: 1 }]);
      const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA });
      expect((await deliver(event)).outcome).toBe('processed');
      expect((await deliver(event)).outcome).toBe('duplicate');
      const postings = await db()
        .selectFrom('journal_postings as p')
        .innerJoin('journal_entries as e', (j) => j.onRef('e.shop_id', '=', 'p.shop_id').onRef('e.id', '=', 'p.entry_id'))
        .select(['e.idem_key', 'p.account_code', 'p.amount'])
        .where('p.shop_id', '=', hk05)
        .where('e.source_id', '=', o.id)
        .orderBy('e.idem_key')
        .orderBy('p.line_no')
        .execute();
      // From the balance transaction's fee_details: the stub's 2.9% + Rp 2.000 of Rp 35.050 (3.016,45) and the
      // application fee, 2% floored (Rp 701): Rp 3.717,45 in all, rounded once to Rp 3.717.
      expect(postings.map((p) => [p.idem_key, p.account_code, Number(p.amount)])).toEqual([
        [`order:${o.id}:card-fees`, '5206', 3717],
        [`order:${o.id}:card-fees`, '1102', -3717],
        [`order:${o.id}:paid`, '1102', 35_050],
        [`order:${o.id}:paid`, '2102', -35_050],
      ]);
      const paid = (await orderEvents(hk05, o.id)).find((e) => e.type === 'paid')!;
      expect(paid.details).toMatchObject({ stripe_fee: 3016, platform_fee: 701 });
    } finally {
      process.env.PLATFORM_FEE_PERCENT = '0';
      resetConfig();
    }
  });

  it("writes nothing when the effect fails, so Stripe's redelivery applies it once", async () => {
    const o = await cardOrder();
    const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA });
    // Break the effect after the event id was claimed: the claim must roll back with it.
    await sql`alter table order_events rename to order_events_off`.execute(db());
    try {
      await expect(deliver(event)).rejects.toThrow();
    } finally {
      await sql`alter table order_events_off rename to order_events`.execute(db());
    }
    expect(await processedIds(hk05)).not.toContain(event.id);
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect(await deliver(event)).toMatchObject({ outcome: 'processed' });
    expect((await orderRow(hk05, o.id)).status).toBe('paid');
  });

  it('applies a duplicate delivery once', async () => {
    const o = await cardOrder();
    const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA });
    expect((await deliver(event)).outcome).toBe('processed');
    expect((await deliver(event)).outcome).toBe('duplicate');
    await Promise.all([deliver(event), deliver(event)]);
    expect((await types(hk05, o.id)).filter((t) => t === 'paid')).toHaveLength(1);
    expect((await processedIds(hk05)).filter((id) => id === event.id)).toHaveLength(1);
  });

  it('waits for asynchronous methods: completed (unpaid) then async_payment_succeeded pays', async () => {
    const o = await cardOrder();
    const unpaid = stub.completeSession(o.sessionId, 'unpaid');
    await deliver(makeEvent('checkout.session.completed', unpaid, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect(await types(hk05, o.id)).toContain('payment_processing');
    await deliver(makeEvent('checkout.session.async_payment_succeeded', { ...unpaid, payment_status: 'paid' }, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('paid');
  });

  it('is right when async_payment_succeeded arrives before completed', async () => {
    const o = await cardOrder();
    const unpaid = stub.completeSession(o.sessionId, 'unpaid');
    await deliver(makeEvent('checkout.session.async_payment_succeeded', { ...unpaid, payment_status: 'paid' }, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('paid');
    await deliver(makeEvent('checkout.session.completed', unpaid, { account: acctA, created: Math.floor(Date.now() / 1000) - 60 }));
    const row = await orderRow(hk05, o.id);
    expect(row.status).toBe('paid');
    expect(row.stripe_payment_intent_id).toBe(unpaid.payment_intent);
    expect((await types(hk05, o.id)).filter((t) => t === 'paid')).toHaveLength(1);
  });

  it('async_payment_failed is noted and the order stays pending; a new session can then be started', async () => {
    const o = await cardOrder();
    const unpaid = stub.completeSession(o.sessionId, 'unpaid');
    await deliver(makeEvent('checkout.session.completed', unpaid, { account: acctA }));
    await deliver(makeEvent('checkout.session.async_payment_failed', unpaid, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect(await types(hk05, o.id)).toContain('payment_failed');
    const again = await startCardPaymentAfterCommit({ shopId: hk05, orderId: o.id });
    expect(again.checkoutUrl).not.toContain(o.sessionId);
  });

  it('checkout.session.expired expires a card order whose current session it is, and releases its stock', async () => {
    const product = await db()
      .selectFrom('products')
      .select(['id', 'stock'])
      .where('shop_id', '=', hk05)
      .where('slug', '=', 'telur-asin-bakar-isi-10')
      .executeTakeFirstOrThrow();
    const o = await cardOrder(hk05, [{ name: 'Telur Asin Bakar isi 10', unitPrice: 35_000, quantity: 2, productId: product.id }] as never);
    await deliver(makeEvent('checkout.session.expired', stub.expireSession(o.sessionId), { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('expired');
    const e = (await orderEvents(hk05, o.id)).find((x) => x.type === 'expired')!;
    expect(e).toMatchObject({ actor_kind: 'stripe', from_status: 'pending' });
    expect(e.details).toMatchObject({ reason: 'checkout_expired', session: o.sessionId });
    const after = await db()
      .selectFrom('products')
      .select('stock')
      .where('shop_id', '=', hk05)
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    expect(after.stock).toBe(product.stock! + 2);
  });

  it('an expired session that was replaced, or of an order paid meanwhile, is only noted', async () => {
    const o = await cardOrder();
    const oldSession = o.sessionId;
    stub.expireSession(oldSession);
    await startCardPaymentAfterCommit({ shopId: hk05, orderId: o.id }); // a second attempt replaced it
    const newSession = (await orderRow(hk05, o.id)).stripe_checkout_session_id!;
    expect(newSession).not.toBe(oldSession);
    // The old session's expiry arrives late: the order keeps waiting for the new one.
    await deliver(makeEvent('checkout.session.expired', { ...stub.sessions.get(oldSession), _account: undefined }, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect(await types(hk05, o.id)).toContain('checkout_expired');
    await deliver(makeEvent('checkout.session.completed', stub.completeSession(newSession, 'paid'), { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('paid');
  });

  it('a payment that completes after its order expired is recorded for a refund, not applied', async () => {
    const o = await cardOrder();
    const session = stub.sessions.get(o.sessionId)!;
    await deliver(makeEvent('checkout.session.expired', { ...session, status: 'expired', _account: undefined }, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('expired');
    await deliver(makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA }));
    const row = await orderRow(hk05, o.id);
    expect(row.status).toBe('expired');
    expect(row.stripe_payment_intent_id).toBe(session.payment_intent);
    expect(await types(hk05, o.id)).toContain('payment_after_close');
    // No payment posted, but Stripe took its fee on the charge (and keeps it when the shop refunds): booked once.
    const keys = await db()
      .selectFrom('journal_entries')
      .select('idem_key')
      .where('shop_id', '=', hk05)
      .where('source_id', '=', o.id)
      .execute();
    expect(keys.map((k) => k.idem_key)).toEqual([`order:${o.id}:card-fees`]);
  });

  it("does not take a payment of another amount as the order's", async () => {
    const o = await cardOrder();
    await deliver(
      makeEvent('checkout.session.completed', { ...stub.completeSession(o.sessionId, 'paid'), amount_total: 100 }, { account: acctA }),
    );
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect(await types(hk05, o.id)).toContain('payment_mismatch');
  });

  it('refuses forged, tampered, unsigned and stale deliveries with 400 and writes nothing', async () => {
    const o = await cardOrder();
    const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA });
    const before = await processedCount();
    expect((await rejects(deliver(event, { secret: 'whsec_forged' }))).status).toBe(400);
    expect(await rejects(deliver(event, { tamper: (b) => b.replace('"paid"', '"paid" ') }))).toMatchObject({ status: 400 });
    expect((await rejects(handleStripeWebhook(JSON.stringify(event), null))).status).toBe(400);
    expect((await rejects(handleStripeWebhook(JSON.stringify(event), 't=1,v1=00'))).status).toBe(400);
    // A genuine delivery replayed 10 minutes later (Stripe's tolerance is 5).
    expect((await rejects(deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(400);
    expect(await processedCount()).toBe(before);
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect(STUB_WEBHOOK_SECRET).toMatch(/^whsec_/);
  });

  it('refuses an event whose account and order do not belong together, writing nothing', async () => {
    const o = await cardOrder();
    const paid = stub.completeSession(o.sessionId, 'paid');
    const before = await processedCount();
    // Shop B's account sends a session carrying shop A's order.
    expect(await deliver(makeEvent('checkout.session.completed', paid, { account: acctB }))).toMatchObject({
      outcome: 'ignored',
      reason: 'account_order_mismatch',
    });
    // Right shop, but an order id of another shop.
    const foreign = await insertOrder({ shopId: roti, lines: [{ name: 'Roti', unitPrice: 35_000, quantity: 1 }] });
    const wrongOrder = { ...paid, metadata: { shop_id: hk05, order_id: foreign.id, order_code: foreign.code } };
    expect(await deliver(makeEvent('checkout.session.completed', wrongOrder, { account: acctA }))).toMatchObject({
      outcome: 'ignored',
      reason: 'account_order_mismatch',
    });
    // Right order id, wrong code.
    const wrongCode = { ...paid, metadata: { ...paid.metadata, order_code: 'X-1' } };
    expect(await deliver(makeEvent('checkout.session.completed', wrongCode, { account: acctA }))).toMatchObject({ outcome: 'ignored' });
    // An account no shop uses, and a platform (non-Connect) event.
    expect(await deliver(makeEvent('checkout.session.completed', paid, { account: 'acct_nobody' }))).toMatchObject({
      reason: 'unknown_account',
    });
    expect(await deliver(makeEvent('checkout.session.completed', paid, { account: null }))).toMatchObject({
      reason: 'not_a_connect_event',
    });
    // A session of the shop's own, not made by Etalase.
    expect(await deliver(makeEvent('checkout.session.completed', { ...paid, metadata: {} }, { account: acctA }))).toMatchObject({
      reason: 'not_an_etalase_session',
    });
    expect(await processedCount()).toBe(before);
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    expect((await orderRow(roti, foreign.id)).status).toBe('pending');
  });

  it('account.updated sets whether card is offered, ignoring an older state that arrives late', async () => {
    const available = () => inShop(hk05, (s) => cardPaymentAvailable(s));
    const now = Math.floor(Date.now() / 1000);
    const account = { ...stub.accounts.get(acctA)!, charges_enabled: false };
    await deliver(makeEvent('account.updated', account, { account: acctA, created: now + 10 }));
    expect(await available()).toBe(false);
    // Older than what was applied: skipped.
    await deliver(makeEvent('account.updated', { ...account, charges_enabled: true }, { account: acctA, created: now + 5 }));
    expect(await available()).toBe(false);
    await deliver(makeEvent('account.updated', { ...account, charges_enabled: true }, { account: acctA, created: now + 20 }));
    expect(await available()).toBe(true);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('shop_id', '=', hk05)
      .where('action', 'in', ['payments.stripe_ready', 'payments.stripe_not_ready'])
      .orderBy('created_at')
      .execute();
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['payments.stripe_not_ready', 'payments.stripe_ready']);
    // An account object that is not the event's account is refused.
    const before = await processedCount();
    expect(
      await deliver(
        makeEvent('account.updated', { ...stub.accounts.get(acctB), charges_enabled: false }, { account: acctA, created: now + 30 }),
      ),
    ).toMatchObject({ outcome: 'ignored' });
    expect(await processedCount()).toBe(before);
    expect(await available()).toBe(true);
  });

  it('account.application.deauthorized clears the account: card is no longer offered and its events are ignored', async () => {
    const o = await cardOrder();
    await deliver(
      makeEvent('account.application.deauthorized', { id: 'ca_etalase', object: 'application', name: 'Etalase' }, { account: acctA }),
    );
    const settings = await db().selectFrom('shop_payment_settings').selectAll().where('shop_id', '=', hk05).executeTakeFirstOrThrow();
    expect(settings).toMatchObject({ stripe_account_id: null, stripe_charges_enabled: 0, accept_card: 0 });
    expect(await inShop(hk05, (s) => cardPaymentAvailable(s))).toBe(false);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('shop_id', '=', hk05)
      .where('action', '=', 'payments.stripe_disconnected')
      .execute();
    expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ account: acctA, reason: 'deauthorized' });
    expect(
      await deliver(makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA })),
    ).toMatchObject({ reason: 'unknown_account' });
  });

  it('charge.refunded records refunds in Rupiah; a full refund cancels a paid order; late or repeated events change nothing', async () => {
    const o = await cardOrder();
    const session = stub.completeSession(o.sessionId, 'paid');
    await deliver(makeEvent('checkout.session.completed', session, { account: acctA }));
    const charge = {
      id: 'ch_test_1',
      object: 'charge',
      amount: 3_500_000,
      amount_refunded: 1_000_000,
      currency: 'idr',
      refunded: false,
      payment_intent: session.payment_intent,
      metadata: session.metadata,
      status: 'succeeded',
    };
    const partial = makeEvent('charge.refunded', charge, { account: acctA });
    await deliver(partial);
    await deliver(partial);
    let row = await orderRow(hk05, o.id);
    expect(row).toMatchObject({ status: 'paid', stripe_refunded_amount: 10_000 });
    const full = makeEvent('charge.refunded', { ...charge, amount_refunded: 3_500_000, refunded: true }, { account: acctA });
    await deliver(full);
    row = await orderRow(hk05, o.id);
    expect(row).toMatchObject({ status: 'cancelled', stripe_refunded_amount: 35_000 });
    // The partial refund's event delivered again, late, with a new id: nothing changes.
    await deliver(makeEvent('charge.refunded', charge, { account: acctA }));
    const events = await orderEvents(hk05, o.id);
    expect(events.filter((e) => e.type === 'refunded').map((e) => e.details.amount)).toEqual([10_000, 25_000]);
    expect(events.find((e) => e.type === 'cancelled')).toMatchObject({ actor_kind: 'stripe', from_status: 'paid' });
    expect((await orderRow(hk05, o.id)).stripe_refunded_amount).toBe(35_000);
  });

  it('a full refund of a fulfilled order keeps it fulfilled; a refund found only by PaymentIntent still counts', async () => {
    const o = await cardOrder();
    const session = stub.completeSession(o.sessionId, 'paid');
    await deliver(makeEvent('checkout.session.completed', session, { account: acctA }));
    await db().updateTable('orders').set({ status: 'fulfilled' }).where('shop_id', '=', hk05).where('id', '=', o.id).execute();
    await deliver(
      makeEvent(
        'charge.refunded',
        {
          id: 'ch_test_2',
          object: 'charge',
          amount: 3_500_000,
          amount_refunded: 3_500_000,
          currency: 'idr',
          refunded: true,
          payment_intent: session.payment_intent,
          metadata: {},
        },
        { account: acctA },
      ),
    );
    expect(await orderRow(hk05, o.id)).toMatchObject({ status: 'fulfilled', stripe_refunded_amount: 35_000 });
    expect(await types(hk05, o.id)).toContain('refunded');
  });

  it('a refund that arrives before the payment event: paid, then cancelled, when the payment arrives', async () => {
    const o = await cardOrder();
    const session = stub.completeSession(o.sessionId, 'paid');
    await deliver(
      makeEvent(
        'charge.refunded',
        {
          id: 'ch_test_3',
          object: 'charge',
          amount: 3_500_000,
          amount_refunded: 3_500_000,
          currency: 'idr',
          refunded: true,
          payment_intent: session.payment_intent,
          metadata: session.metadata,
        },
        { account: acctA },
      ),
    );
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    await deliver(makeEvent('checkout.session.completed', session, { account: acctA }));
    expect((await orderRow(hk05, o.id)).status).toBe('cancelled');
    expect(await types(hk05, o.id)).toEqual(expect.arrayContaining(['refunded', 'paid', 'cancelled']));
  });

  it('charge.dispute.created marks the order disputed and records the amount', async () => {
    const o = await cardOrder();
    const session = stub.completeSession(o.sessionId, 'paid');
    await deliver(makeEvent('checkout.session.completed', session, { account: acctA }));
    const dispute = makeEvent(
      'charge.dispute.created',
      {
        id: 'dp_test_1',
        object: 'dispute',
        amount: 3_500_000,
        currency: 'idr',
        reason: 'fraudulent',
        status: 'needs_response',
        charge: 'ch_test_4',
        payment_intent: session.payment_intent,
        metadata: {},
      },
      { account: acctA },
    );
    await deliver(dispute);
    await deliver(dispute);
    expect(await orderRow(hk05, o.id)).toMatchObject({ status: 'paid', stripe_disputed: 1 });
    const d = (await orderEvents(hk05, o.id)).filter((e) => e.type === 'disputed');
    expect(d).toHaveLength(1);
    expect(d[0]!.details).toMatchObject({ amount: 35_000, reason: 'fraudulent', dispute: 'dp_test_1' });
    // Another shop's account naming this PaymentIntent finds nothing of its own.
    expect(await deliver(makeEvent('charge.dispute.created', { ...dispute.data.object, id: 'dp_x' }, { account: acctB }))).toMatchObject({
      outcome: 'ignored',
    });
  });

  it('answers other event types with 200 and does nothing', async () => {
    expect(await deliver(makeEvent('payout.paid', { id: 'po_1', object: 'payout' }, { account: acctA }))).toMatchObject({
      outcome: 'ignored',
      reason: 'unhandled_type',
    });
  });
});
