import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { ledgerShop, shopProblems } from '#tests/helpers/ledger.ts';
import { makeEvent, signEvent, StripeStub } from '#tests/helpers/stripe-stub.ts';
import { connectShop } from '#tests/helpers/stripe-setup.ts';
import { orderRow } from '#tests/helpers/orders.ts';
import type { RacePlan } from '#tests/helpers/ledger-race-worker.ts';

/**
 * Confirmations, payments, fulfilments and Stripe webhooks for the same orders from two separate Node
 * processes on one database (one SQLite file, or one PostgreSQL database), all at once and many times over:
 * every order reaches fulfilled with each of its postings, stock movements and events exactly once, and
 * the ledger check passes.
 */
const stub = new StripeStub();
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
const ORDERS = 12;
const ROUNDS = 4;

beforeAll(async () => {
  await stub.start();
  Object.assign(process.env, stub.env({ PLATFORM_FEE_PERCENT: '0', PUBLIC_URL: 'https://etalase.test' }));
  const { resetConfig } = await import('#server/config.ts');
  resetConfig();
  tdb = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await tdb?.close();
  await stub.stop();
});

async function order(shopId: string, productId: string, payment: 'whatsapp' | 'card') {
  const { createOrder } = await import('#server/orders/create-order.ts');
  return createOrder({
    shopId,
    locale: 'id',
    input: {
      items: [{ productId, quantity: 2 }],
      customerName: 'Ibu Sitti',
      customerPhone: '+6285240001234',
      delivery: 'pickup',
      destination: null,
      address: '',
      notes: '',
      payment,
      idempotencyKey: null,
    },
  });
}

/** Starts a worker process on the plan; resolves when it says it is ready. */
async function worker(planFile: string) {
  const proc = spawn(process.execPath, [path.resolve('tests/helpers/ledger-race-worker.ts'), planFile], {
    env: { ...process.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const lines = readline.createInterface({ input: proc.stdout! });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.value !== 'ready') throw new Error(`worker did not start: ${first.value ?? ''}\n${err}`);
  const done = (async () => {
    const result = await it.next();
    const code = proc.exitCode ?? (await new Promise<number | null>((r) => proc.once('exit', r)));
    if (code !== 0 || !result.value) throw new Error(`worker exited ${code}:\n${err}`);
    return JSON.parse(result.value) as { ok: boolean; expected: number; unexpected: string[] };
  })();
  return { go: () => proc.stdin!.end('go\n'), done };
}

describe(`two processes on one order (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('confirmations, payments and webhooks for the same orders from two processes post each once', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const shop = await ledgerShop('race', { price: 35000, cost: 22000, stock: 10 * ORDERS });
    const account = await connectShop(stub, shop.shopId);
    const { startCardPaymentAfterCommit } = await import('#server/payments/card.ts');
    const whatsapp: string[] = [];
    const card: RacePlan['card'] = [];
    for (let i = 0; i < ORDERS; i++) {
      whatsapp.push((await order(shop.shopId, shop.productId, 'whatsapp')).orderId);
      const c = await order(shop.shopId, shop.productId, 'card');
      await startCardPaymentAfterCommit({ shopId: shop.shopId, orderId: c.orderId });
      const sessionId = (await orderRow(shop.shopId, c.orderId)).stripe_checkout_session_id!;
      const session = stub.completeSession(sessionId, 'paid', { settled: false });
      // Settled before the race: the payment events' own fee lookup and charge.updated both find the fees.
      const charge = stub.settleCharge(stub.chargeOf(sessionId).id);
      // The same events delivered to both processes: the payment, a second event (the async success) for it,
      // and the charge's settlement, each posting the card fees when it comes first.
      const events = [
        makeEvent('checkout.session.completed', session, { account }),
        makeEvent('checkout.session.async_payment_succeeded', session, { account }),
        makeEvent('charge.updated', charge, { account }),
      ];
      card.push({ orderId: c.orderId, webhooks: events.map((e) => signEvent(e)) });
    }
    const planFile = path.join(tdb.dir, 'race-plan.json');
    fs.writeFileSync(planFile, JSON.stringify({ shopId: shop.shopId, rounds: ROUNDS, whatsapp, card } satisfies RacePlan));

    const a = await worker(planFile);
    const b = await worker(planFile);
    a.go();
    b.go();
    const results = await Promise.all([a.done, b.done]);
    for (const r of results) expect(r.unexpected).toEqual([]);
    // They did meet: some of each one's moves had already been made by the other.
    expect(results[0].expected + results[1].expected).toBeGreaterThan(0);

    const orders = [...whatsapp, ...card.map((c) => c.orderId)];
    for (const id of orders) expect((await orderRow(shop.shopId, id)).status, id).toBe('fulfilled');
    const entries = await db()
      .selectFrom('journal_entries')
      .select(['source_id', 'idem_key'])
      .where('shop_id', '=', shop.shopId)
      .where('source_type', '=', 'order')
      .execute();
    const cardIds = new Set(card.map((c) => c.orderId));
    for (const id of orders) {
      expect(
        entries
          .filter((e) => e.source_id === id)
          .map((e) => e.idem_key)
          .sort(),
        id,
      ).toEqual([...(cardIds.has(id) ? [`order:${id}:card-fees`] : []), `order:${id}:fulfilled`, `order:${id}:paid`]);
    }
    const events = await db().selectFrom('order_events').select(['order_id', 'type']).where('shop_id', '=', shop.shopId).execute();
    for (const id of orders) {
      const types = events.filter((e) => e.order_id === id).map((e) => e.type);
      expect(
        types.filter((t) => t === 'paid'),
        id,
      ).toHaveLength(1);
      expect(
        types.filter((t) => t === 'fulfilled'),
        id,
      ).toHaveLength(1);
    }
    const sales = await db()
      .selectFrom('stock_movements')
      .select('order_id')
      .where('shop_id', '=', shop.shopId)
      .where('kind', '=', 'sale')
      .execute();
    for (const id of orders)
      expect(
        sales.filter((s) => s.order_id === id),
        id,
      ).toHaveLength(1);
    const stripeEvents = await db().selectFrom('stripe_events').select('event_id').where('shop_id', '=', shop.shopId).execute();
    expect(stripeEvents).toHaveLength(3 * ORDERS);
    const product = await db()
      .selectFrom('products')
      .select('stock')
      .where('shop_id', '=', shop.shopId)
      .where('id', '=', shop.productId)
      .executeTakeFirstOrThrow();
    expect(Number(product.stock)).toBe(10 * ORDERS - 2 * orders.length);
    expect(await shopProblems(shop.shopId)).toEqual([]);
  });
});
