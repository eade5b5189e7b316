import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { makeEvent, signEvent, StripeStub } from '../helpers/stripe-stub.ts';
import { insertOrder, orderRow, shopIdOf } from '../helpers/orders.ts';
import { resetConfig } from '#server/config.ts';
import { closeDb } from '#server/db/index.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { inShop } from '#server/tenant/index.ts';
import { cardPaymentAvailable } from '#server/payments/card.ts';

/**
 * Over HTTP against the built server, which drives the real Stripe SDK against the local stub:
 * the owner's onboarding (password re-entry, account link redirect, return page asking Stripe), and
 * signed webhook deliveries through Astro (a JSON POST from Stripe carries no Origin header).
 */
const stub = new StripeStub();
let server: TestServer;
let owner: Client;
let staff: Client;
let hk05: string;
const PAGE = '/dashboard/hk05/pembayaran/stripe';

beforeAll(async () => {
  await stub.start();
  server = await startServer({ env: stub.env({ PLATFORM_FEE_PERCENT: '0' }) });
  // This process reads and writes the server's database directly (orders have no public API in this branch yet).
  Object.assign(process.env, server.db.env, stub.env());
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  owner = new Client(server.url);
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  staff = new Client(server.url);
  await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
  hk05 = await shopIdOf('hk05');
}, 900_000);
afterAll(async () => {
  await closeDb();
  await server?.stop();
  await stub.stop();
});

const settings = () => db().selectFrom('shop_payment_settings').selectAll().where('shop_id', '=', hk05).executeTakeFirst();
const auditActions = async () =>
  (
    await db()
      .selectFrom('audit_log')
      .select('action')
      .where('shop_id', '=', hk05)
      .where('action', 'like', 'payments.%')
      .orderBy('created_at')
      .execute()
  ).map((r) => r.action);

describe(`Stripe Connect onboarding over HTTP (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('shows "not connected" to the owner; staff may not open or post it', async () => {
    const page = await owner.get(PAGE);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-stripe-state="not_connected"');
    expect(html).toContain('Hubungkan Stripe');
    expect((await staff.get(PAGE)).status).toBe(403);
    expect((await staff.form(PAGE, { action: 'connect', password: DEMO_PASSWORD })).status).toBe(403);
    expect(stub.find('POST', '/v1/accounts')).toHaveLength(0);
  });

  it('asks for the password again; a wrong one creates nothing', async () => {
    const none = await owner.form(PAGE, { action: 'connect' });
    expect(none.status).toBe(400);
    const wrong = await owner.form(PAGE, { action: 'connect', password: 'bukan-sandinya' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Kata sandi saat ini salah.');
    expect(stub.find('POST', '/v1/accounts')).toHaveLength(0);
    expect((await settings())?.stripe_account_id ?? null).toBeNull();
  });

  it('shows "Stripe unreachable" on the form when Stripe does not answer', async () => {
    stub.failNext = 3;
    const res = await owner.form(PAGE, { action: 'connect', password: DEMO_PASSWORD });
    stub.failNext = 0;
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Stripe tidak bisa dihubungi sekarang.');
    expect((await settings())?.stripe_account_id ?? null).toBeNull();
  });

  it("creates the connected account and redirects to Stripe's onboarding link", async () => {
    const res = await owner.form(PAGE, { action: 'connect', password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/s\/acct_/);
    const create = stub.find('POST', '/v1/accounts').at(-1);
    expect(stub.accounts.size).toBe(1);
    expect(create!.stripeAccount).toBeUndefined(); // made by the platform
    expect(create!.form).toMatchObject({
      'controller[fees][payer]': 'account',
      'controller[losses][payments]': 'stripe',
      'controller[stripe_dashboard][type]': 'full',
      'controller[requirement_collection]': 'stripe',
      'capabilities[card_payments][requested]': 'true',
      'metadata[shop_id]': hk05,
      'business_profile[name]': 'HK05 Telur Asin Bakar',
    });
    const [link] = stub.find('POST', '/v1/account_links');
    const s = await settings();
    expect(link!.form).toEqual({
      account: s!.stripe_account_id,
      type: 'account_onboarding',
      return_url: `${server.url}/dashboard/hk05/pembayaran/stripe/kembali`,
      refresh_url: `${server.url}/dashboard/hk05/pembayaran/stripe?stripe=ulang`,
    });
    expect(location).toContain(s!.stripe_account_id!);
    expect(s).toMatchObject({ stripe_charges_enabled: 0, accept_card: 1 });
    expect(await auditActions()).toEqual(['payments.stripe_connected']);
    expect(await inShop(hk05, (sc) => cardPaymentAvailable(sc))).toBe(false);
  });

  it('a second tap continues with the same account', async () => {
    const creates = stub.find('POST', '/v1/accounts').length;
    const res = await owner.form(PAGE, { action: 'connect', password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    expect(stub.find('POST', '/v1/accounts')).toHaveLength(creates);
    expect(stub.accounts.size).toBe(1);
    expect(stub.find('POST', '/v1/account_links')).toHaveLength(2);
    const refresh = await owner.get(`${PAGE}?stripe=ulang`);
    expect(refresh.status).toBe(200);
    expect(await refresh.text()).toContain('Tautan pendaftaran Stripe sudah kedaluwarsa');
  });

  it('the return page marks the shop ready only once Stripe says charges_enabled', async () => {
    const accountId = (await settings())!.stripe_account_id!;
    const early = await owner.get(`${PAGE}/kembali`);
    expect(early.status).toBe(200);
    expect(await early.text()).toContain('data-stripe-state="incomplete"');
    expect((await settings())!.stripe_charges_enabled).toBe(0);
    expect(stub.find('GET', `/v1/accounts/${accountId}`)).toHaveLength(1);

    stub.completeOnboarding(accountId);
    const done = await owner.get(`${PAGE}/kembali`);
    expect(await done.text()).toContain('data-stripe-state="ready"');
    expect((await settings())!.stripe_charges_enabled).toBe(1);
    expect(await auditActions()).toEqual(['payments.stripe_connected', 'payments.stripe_ready']);
    expect(await inShop(hk05, (sc) => cardPaymentAvailable(sc))).toBe(true);
  });

  it('accepts a signed webhook POST through Astro (JSON, no Origin) and pays the order', async () => {
    const accountId = (await settings())!.stripe_account_id!;
    const order = await insertOrder({ shopId: hk05, lines: [{ name: 'Telur Asin Bakar isi 10', unitPrice: 35_000, quantity: 1 }] });
    const session = {
      id: 'cs_test_http_1',
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      amount_total: 3_500_000,
      currency: 'idr',
      payment_intent: 'pi_test_http_1',
      client_reference_id: order.code,
      metadata: { shop_id: hk05, order_id: order.id, order_code: order.code },
    };
    const { body, signature } = signEvent(makeEvent('checkout.session.completed', session, { account: accountId }));
    const post = (b: string, sig: string) =>
      fetch(`${server.url}/api/v1/stripe/webhook`, {
        method: 'POST',
        body: b,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': sig,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
      });
    const forged = signEvent(JSON.parse(body), { secret: 'whsec_forged' });
    const bad = await post(forged.body, forged.signature);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid');
    expect((await orderRow(hk05, order.id)).status).toBe('pending');

    const ok = await post(body, signature);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true, outcome: 'processed' });
    expect(await orderRow(hk05, order.id)).toMatchObject({ status: 'paid', stripe_payment_intent_id: 'pi_test_http_1' });
    expect(await (await post(body, signature)).json()).toMatchObject({ outcome: 'duplicate' });
    const events = await db().selectFrom('stripe_events').select('event_id').where('shop_id', '=', hk05).execute();
    expect(events).toHaveLength(1);
  });

  it('disconnects after the password; card is no longer offered', async () => {
    const wrong = await owner.form(PAGE, { action: 'disconnect', disconnectPassword: 'salah' });
    expect(wrong.status).toBe(400);
    expect((await settings())!.stripe_account_id).not.toBeNull();
    const res = await owner.form(PAGE, { action: 'disconnect', disconnectPassword: DEMO_PASSWORD, next: '/dashboard/hk05/pembayaran' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/hk05/pembayaran?stripe=terputus');
    expect(await settings()).toMatchObject({ stripe_account_id: null, stripe_charges_enabled: 0, accept_card: 0 });
    expect(await inShop(hk05, (sc) => cardPaymentAvailable(sc))).toBe(false);
    expect((await auditActions()).at(-1)).toBe('payments.stripe_disconnected');
    const after = await (await owner.get(`${PAGE}?stripe=terputus`)).text();
    expect(after).toContain('data-stripe-state="not_connected"');
    expect(after).toContain('Stripe diputus.');
    // Only paths of this site are followed.
    const evil = await owner.form(PAGE, { action: 'disconnect', disconnectPassword: DEMO_PASSWORD, next: '//evil.example/x' });
    expect(evil.headers.get('location')).toBe('/dashboard/hk05/pembayaran/stripe?stripe=terputus');
  });
});
