import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import Stripe from 'stripe';
import { makeEvent, signEvent, STUB_SECRET_KEY, STUB_WEBHOOK_SECRET, StripeStub } from '../helpers/stripe-stub.ts';
import { connectShop } from '../helpers/stripe-setup.ts';
import { insertOrder, orderEvents, orderRow, shopIdOf } from '../helpers/orders.ts';
import { rowCounts, shopDigest } from '../helpers/db-digest.ts';
import { resetConfig } from '#server/config.ts';
import { closeDb } from '#server/db/index.ts';
import { startCardPaymentAfterCommit } from '#server/payments/card.ts';

/**
 * Issue 14: forged and replayed Stripe webhooks, posted to the built server's endpoint as Stripe would
 * (JSON, no Origin). The rules themselves are tests/integration/stripe-webhook.test.ts; here every refused
 * delivery is a 400 (never a 5xx) that leaves every table as it was, and a genuine event delivered again
 * and again, one after another and all at once, pays the order once.
 */
const stub = new StripeStub();
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
let hk05: string;
let roti: string;
let acctA: string;
let acctB: string;
const ignored = ['sessions', 'rate_limits'];

beforeAll(async () => {
  await stub.start();
  server = await startServer({ env: stub.env({ PLATFORM_FEE_PERCENT: '0' }) });
  Object.assign(process.env, server.db.env, stub.env());
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  hk05 = await shopIdOf('hk05');
  roti = await shopIdOf('roti-balang');
  acctA = await connectShop(stub, hk05);
  acctB = await connectShop(stub, roti);
}, 900_000);
afterAll(async () => {
  await closeDb();
  await server?.stop();
  await stub.stop();
});

async function cardOrder(shopId = hk05) {
  const order = await insertOrder({ shopId, lines: [{ name: 'Telur Asin Bakar isi 10', unitPrice: 35_000, quantity: 1 }] });
  await startCardPaymentAfterCommit({ shopId, orderId: order.id });
  return { ...order, sessionId: (await orderRow(shopId, order.id)).stripe_checkout_session_id! };
}

const signRaw = (payload: string) =>
  new Stripe(STUB_SECRET_KEY).webhooks.generateTestHeaderString({ payload, secret: STUB_WEBHOOK_SECRET });

const post = (body: string, signature: string | null) =>
  fetch(`${server.url}/api/v1/stripe/webhook`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature !== null ? { 'stripe-signature': signature } : {}),
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
  });

describe(`forged and replayed Stripe webhooks over HTTP (${dbName})`, () => {
  it('bad, missing, stale or borrowed signatures and unreadable events: 400 with a JSON error, nothing written', async () => {
    const o = await cardOrder();
    const event = makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA });
    const genuine = signEvent(event);
    const other = signEvent(makeEvent('customer.created', { id: 'cus_1', object: 'customer' }, { account: acctA }));
    const now = Math.floor(Date.now() / 1000);
    const attempts: [string, string, string | null][] = [
      [
        'signed with another secret',
        signEvent(event, { secret: 'whsec_forged' }).body,
        signEvent(event, { secret: 'whsec_forged' }).signature,
      ],
      ['no signature', genuine.body, null],
      ['empty signature', genuine.body, ''],
      ['garbage signature', genuine.body, 't=1,v1=00'],
      ['signature of another body', genuine.body, other.signature],
      ['body changed after signing', genuine.body.replace('"paid"', '"paid" '), genuine.signature],
      ['signed ten minutes ago', signEvent(event, { timestamp: now - 600 }).body, signEvent(event, { timestamp: now - 600 }).signature],
      ['not JSON, well signed', 'not json', signRaw('not json')],
      ['truncated JSON, well signed', genuine.body.slice(0, 40), signRaw(genuine.body.slice(0, 40))],
    ];
    // (A timestamp ahead of the clock passes the SDK's check, as Stripe's own libraries do: only Stripe can sign one.)
    const counts = await rowCounts(ignored);
    const digest = await shopDigest(hk05, ignored);
    for (const [what, body, sig] of attempts) {
      const r = await post(body, sig);
      const text = await r.text();
      expect(r.status, `${what}: ${text}`).toBeLessThan(500);
      expect(r.status, what).not.toBe(200);
      expect(r.headers.get('content-type'), what).toContain('application/json');
      expect((JSON.parse(text) as { error: { message: string } }).error.message, what).toBeTruthy();
    }
    // Well-signed JSON that is no event: only Stripe can sign it, and like any event type the app does not handle it is
    // answered 200 and does nothing (stripe-webhook.test.ts, "answers other event types").
    const notEvent = signEvent({ hello: 'world' } as never);
    expect((await post(notEvent.body, notEvent.signature)).status).toBeLessThan(500);
    expect(await rowCounts(ignored)).toEqual(counts);
    expect(await shopDigest(hk05, ignored)).toEqual(digest);
    expect((await orderRow(hk05, o.id)).status).toBe('pending');
    // The genuine delivery still works afterwards: the refusals above were about the signatures.
    expect((await post(genuine.body, genuine.signature)).status).toBe(200);
    expect((await orderRow(hk05, o.id)).status).toBe('paid');
  });

  it('a genuine event delivered five times in a row and ten times at once pays the order once', async () => {
    const o = await cardOrder();
    const { body, signature } = signEvent(
      makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA }),
    );
    const first = await post(body, signature);
    expect(first.status).toBe(200);
    expect((await orderRow(hk05, o.id)).status).toBe('paid');
    const counts = await rowCounts(ignored);
    const digest = await shopDigest(hk05, ignored);
    for (let i = 0; i < 5; i++) expect((await post(body, signature)).status).toBe(200);
    const burst = await Promise.all(Array.from({ length: 10 }, () => post(body, signature)));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await rowCounts(ignored)).toEqual(counts);
    expect(await shopDigest(hk05, ignored)).toEqual(digest);
    expect((await orderEvents(hk05, o.id)).filter((e) => e.type === 'paid')).toHaveLength(1);

    // A new event id for the same payment (Stripe re-sends under a new id rarely, but can): still paid once.
    const again = signEvent(makeEvent('checkout.session.completed', stub.completeSession(o.sessionId, 'paid'), { account: acctA }));
    expect((await post(again.body, again.signature)).status).toBe(200);
    expect((await orderEvents(hk05, o.id)).filter((e) => e.type === 'paid')).toHaveLength(1);
  });

  it("a well-signed event naming another shop's order is ignored: neither shop's rows change", async () => {
    const a = await cardOrder(hk05);
    const b = await cardOrder(roti);
    const paidA = stub.completeSession(a.sessionId, 'paid');
    const countsA = await shopDigest(hk05, ignored);
    const countsB = await shopDigest(roti, ignored);
    // Shop B's account claims shop A's order; shop A's account claims shop B's order by id and code.
    const viaB = signEvent(makeEvent('checkout.session.completed', paidA, { account: acctB }));
    const crossed = signEvent(
      makeEvent(
        'checkout.session.completed',
        { ...paidA, metadata: { shop_id: hk05, order_id: b.id, order_code: b.code } },
        { account: acctA },
      ),
    );
    const claimB = signEvent(
      makeEvent(
        'checkout.session.completed',
        { ...paidA, metadata: { shop_id: roti, order_id: b.id, order_code: b.code } },
        { account: acctA },
      ),
    );
    for (const d of [viaB, crossed, claimB]) {
      const r = await post(d.body, d.signature);
      expect(r.status).toBeLessThan(500);
    }
    // Only the events' own bookkeeping may differ (stripe_events records ignored deliveries when the app does so).
    const [afterA, afterB] = [await shopDigest(hk05, [...ignored, 'stripe_events']), await shopDigest(roti, [...ignored, 'stripe_events'])];
    const { stripe_events: _a, ...beforeA } = countsA;
    const { stripe_events: _b, ...beforeB } = countsB;
    expect(afterA).toEqual(beforeA);
    expect(afterB).toEqual(beforeB);
    expect((await orderRow(hk05, a.id)).status).toBe('pending');
    expect((await orderRow(roti, b.id)).status).toBe('pending');
  });
});
