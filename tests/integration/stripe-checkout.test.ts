import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { StripeStub } from '../helpers/stripe-stub.ts';
import { connectShop } from '../helpers/stripe-setup.ts';
import { insertOrder, orderRow, shopIdOf } from '../helpers/orders.ts';
import { inShop } from '#server/tenant/index.ts';
import { resetConfig } from '#server/config.ts';
import { cardPaymentAvailable, startCardPayment, startCardPaymentAfterCommit } from '#server/payments/card.ts';
import { STRIPE_API_VERSION, StripeUnavailable } from '#server/payments/stripe/client.ts';
import { AppError } from '#server/errors.ts';

const stub = new StripeStub();
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let hk05: string;
let roti: string;
const PUBLIC = 'https://etalase.test';

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
}

beforeAll(async () => {
  await stub.start();
  setEnv({ ...stub.env({ PLATFORM_FEE_PERCENT: '2' }), PUBLIC_URL: PUBLIC });
  tdb = await useTestDatabase({ seed: true });
  hk05 = await shopIdOf('hk05');
  roti = await shopIdOf('roti-balang');
});
afterAll(async () => {
  await tdb?.close();
  await stub.stop();
});

const available = (shopId: string) => inShop(shopId, (scope) => cardPaymentAvailable(scope));

describe(`card payment availability (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('is off without an account, with an account that cannot take charges, or when the shop does not accept card', async () => {
    expect(await available(roti)).toBe(false);
    await connectShop(stub, roti, { ready: false });
    expect(await available(roti)).toBe(false);
    await connectShop(stub, roti, { ready: true, acceptCard: false });
    expect(await available(roti)).toBe(false);
    await connectShop(stub, roti, { ready: true });
    expect(await available(roti)).toBe(true);
  });

  it('is off everywhere without the platform keys, even for a ready shop', async () => {
    await connectShop(stub, hk05);
    expect(await available(hk05)).toBe(true);
    setEnv({ STRIPE_SECRET_KEY: undefined });
    expect(await available(hk05)).toBe(false);
    setEnv({ STRIPE_SECRET_KEY: stub.env().STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: undefined });
    expect(await available(hk05)).toBe(false);
    const order = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4000, quantity: 1 }] });
    await expect(inShop(hk05, (s) => startCardPayment(s, { orderId: order.id }))).rejects.toMatchObject({
      status: 400,
      messageKey: 'payment.cardUnavailable',
    });
    setEnv(stub.env());
    expect(await available(hk05)).toBe(true);
  });
});

describe('Checkout Session for a card order', () => {
  it("is a direct charge on the shop's account with IDR amounts ×100, metadata, fee and return URLs", async () => {
    const account = await connectShop(stub, hk05);
    const order = await insertOrder({
      shopId: hk05,
      deliveryFee: 10_000,
      lines: [
        { name: 'Telur Asin Bakar isi 10', unitPrice: 25_000, quantity: 2 },
        { name: 'Sambal', variant: 'Pedas', unitPrice: 4_000, quantity: 3 },
      ],
    });
    const before = stub.requests.length;
    const statusUrl = `/hk05/pesanan/${order.code}/${order.token}`;
    const { checkoutUrl } = await inShop(hk05, (scope) => startCardPayment(scope, { orderId: order.id, statusUrl }));
    const creates = stub.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(creates).toHaveLength(1);
    const r = creates[0]!;
    expect(r.stripeAccount).toBe(account);
    expect(r.apiVersion).toBe(STRIPE_API_VERSION);
    expect(r.form).toMatchObject({
      mode: 'payment',
      currency: 'idr',
      client_reference_id: order.code,
      locale: 'id',
      'line_items[0][price_data][currency]': 'idr',
      'line_items[0][price_data][unit_amount]': '2500000',
      'line_items[0][price_data][product_data][name]': 'Telur Asin Bakar isi 10',
      'line_items[0][quantity]': '2',
      'line_items[1][price_data][unit_amount]': '400000',
      'line_items[1][price_data][product_data][name]': 'Sambal – Pedas',
      'line_items[1][quantity]': '3',
      'line_items[2][price_data][unit_amount]': '1000000',
      'line_items[2][price_data][product_data][name]': 'Ongkos kirim',
      'line_items[2][quantity]': '1',
      'metadata[shop_id]': hk05,
      'metadata[order_id]': order.id,
      'metadata[order_code]': order.code,
      'payment_intent_data[metadata][shop_id]': hk05,
      'payment_intent_data[metadata][order_id]': order.id,
      'payment_intent_data[metadata][order_code]': order.code,
      // 2% of Rp 72.000 = Rp 1.440
      'payment_intent_data[application_fee_amount]': '144000',
      success_url: `${PUBLIC}${statusUrl}?bayar=selesai`,
      cancel_url: `${PUBLIC}${statusUrl}?bayar=batal`,
    });
    expect(r.form['line_items[3][quantity]']).toBeUndefined();
    const expiresIn = Number(r.form.expires_at) - Date.now() / 1000;
    expect(expiresIn).toBeGreaterThan(54 * 60);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60);
    expect(r.idempotencyKey).toContain(order.id);
    const session = stub.sessions.get((await orderRow(hk05, order.id)).stripe_checkout_session_id!)!;
    expect(session.amount_total).toBe(7_200_000);
    expect(checkoutUrl).toBe(session.url);
  });

  it('reuses the open session on a second tap, and makes a new one after it expired', async () => {
    await connectShop(stub, hk05);
    const order = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 5 }] });
    const first = await startCardPaymentAfterCommit({ shopId: hk05, orderId: order.id });
    const second = await startCardPaymentAfterCommit({ shopId: hk05, orderId: order.id });
    expect(second.checkoutUrl).toBe(first.checkoutUrl);
    const creates = () => stub.find('POST', '/v1/checkout/sessions').filter((r) => r.form['metadata[order_id]'] === order.id);
    expect(creates()).toHaveLength(1);
    const firstId = (await orderRow(hk05, order.id)).stripe_checkout_session_id!;
    stub.expireSession(firstId);
    const third = await startCardPaymentAfterCommit({ shopId: hk05, orderId: order.id });
    expect(third.checkoutUrl).not.toBe(first.checkoutUrl);
    expect(creates()).toHaveLength(2);
    expect(creates()[1]!.idempotencyKey).toContain(firstId);
    expect((await orderRow(hk05, order.id)).stripe_checkout_session_id).not.toBe(firstId);
    // Without a statusUrl the customer comes back to the shop page.
    expect(creates()[1]!.form.success_url).toBe(`${PUBLIC}/hk05?bayar=selesai`);
  });

  it("charges the order total as one line when the lines do not add up to it, in the order's language", async () => {
    await connectShop(stub, hk05);
    const order = await insertOrder({
      shopId: hk05,
      lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 5 }],
      total: 18_000,
      locale: 'en',
    });
    await startCardPaymentAfterCommit({ shopId: hk05, orderId: order.id });
    const r = stub.find('POST', '/v1/checkout/sessions').find((x) => x.form['metadata[order_id]'] === order.id)!;
    expect(r.form).toMatchObject({
      locale: 'en',
      'line_items[0][price_data][unit_amount]': '1800000',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][product_data][name]': `Order ${order.code}`,
    });
    expect(r.form['line_items[1][quantity]']).toBeUndefined();
  });

  it('sends no application fee when PLATFORM_FEE_PERCENT is 0', async () => {
    setEnv({ PLATFORM_FEE_PERCENT: '0' });
    try {
      await connectShop(stub, hk05);
      const order = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 1 }] });
      await startCardPaymentAfterCommit({ shopId: hk05, orderId: order.id });
      const r = stub.find('POST', '/v1/checkout/sessions').find((x) => x.form['metadata[order_id]'] === order.id)!;
      expect(Object.keys(r.form).some((k) => k.includes('application_fee'))).toBe(false);
    } finally {
      setEnv({ PLATFORM_FEE_PERCENT: '2' });
    }
  });

  it('retries a failed Stripe call with the same idempotency key, and reports Stripe down as 502 without storing anything', async () => {
    await connectShop(stub, hk05);
    const order = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 2 }] });
    stub.failNext = 1;
    await startCardPaymentAfterCommit({ shopId: hk05, orderId: order.id });
    const attempts = stub.find('POST', '/v1/checkout/sessions').filter((r) => r.form['metadata[order_id]'] === order.id);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.idempotencyKey).toBe(attempts[0]!.idempotencyKey);
    expect(stub.sessions.size).toBeGreaterThan(0);

    const down = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 1 }] });
    stub.failNext = 3; // the first try and both retries
    const err = await startCardPaymentAfterCommit({ shopId: hk05, orderId: down.id }).catch((e: unknown) => e);
    stub.failNext = 0;
    expect(err).toBeInstanceOf(StripeUnavailable);
    expect((err as StripeUnavailable).status).toBe(502);
    expect((await orderRow(hk05, down.id)).stripe_checkout_session_id).toBeNull();
  });

  it('refuses orders that are not card, not pending, of another shop, and return URLs off PUBLIC_URL', async () => {
    await connectShop(stub, hk05);
    const wa = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 1 }], paymentMethod: 'whatsapp' });
    const paid = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 1 }], status: 'paid' });
    const ok = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur', unitPrice: 4_000, quantity: 1 }] });
    const err = async (p: Promise<unknown>) => {
      try {
        await p;
        return null;
      } catch (e) {
        return e as AppError;
      }
    };
    expect((await err(startCardPaymentAfterCommit({ shopId: hk05, orderId: wa.id })))?.status).toBe(400);
    expect((await err(startCardPaymentAfterCommit({ shopId: hk05, orderId: paid.id })))?.status).toBe(409);
    await connectShop(stub, roti);
    expect((await err(startCardPaymentAfterCommit({ shopId: roti, orderId: ok.id })))?.status).toBe(404);
    expect(await err(startCardPaymentAfterCommit({ shopId: hk05, orderId: ok.id, statusUrl: 'https://evil.example/x' }))).toBeInstanceOf(
      Error,
    );
    expect((await orderRow(hk05, ok.id)).stripe_checkout_session_id).toBeNull();
  });
});
