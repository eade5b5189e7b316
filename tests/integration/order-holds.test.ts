import { describe, expect, it } from 'vitest';
import { dbName, useLedgerDatabase } from '../helpers/ledger.ts';
import { StripeStub } from '../helpers/stripe-stub.ts';
import { connectShop } from '../helpers/stripe-setup.ts';

// Issue 8 item 8 in the domain: the sweep that lapses holds, the card hold, a payment after a lapse.
const stripe = new StripeStub();
useLedgerDatabase({ stripe });

async function app() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const { createOrder } = await import('#server/orders/create-order.ts');
  const shop = await db().selectFrom('shops').select(['id', 'slug']).where('slug', '=', 'hk05').executeTakeFirstOrThrow();
  const stock = async (slug: string) =>
    (await db().selectFrom('products').select('stock').where('shop_id', '=', shop.id).where('slug', '=', slug).executeTakeFirstOrThrow())
      .stock;
  const version = async () =>
    String((await db().selectFrom('shops').select('version').where('id', '=', shop.id).executeTakeFirstOrThrow()).version);
  const order = (id: string) =>
    db().selectFrom('orders').selectAll().where('shop_id', '=', shop.id).where('id', '=', id).executeTakeFirstOrThrow();
  let n = 0;
  const place = (input: Partial<Parameters<typeof createOrder>[0]['input']> = {}) =>
    createOrder({
      shopId: shop.id,
      locale: 'id',
      clientIp: `192.0.2.${++n}`,
      input: {
        items: [{ product: 'sambal-telur-asin', quantity: 3 }],
        customerName: 'Ibu Sitti',
        customerPhone: `+62852400${String(10000 + ++n)}`,
        delivery: 'pickup',
        destination: null,
        address: '',
        notes: '',
        payment: 'whatsapp',
        idempotencyKey: null,
        ...input,
      },
    });
  return { db, inShop, place, shop, stock, version, order };
}

describe(`stock holds (${dbName})`, () => {
  it('the sweep lapses a due hold once: stock back, shop version bumped, order still pending; expiry later gives nothing back twice', async () => {
    const { place, stock, version, order } = await app();
    const { lapseDueOrderHolds } = await import('#server/orders/lapse-order-holds.ts');
    const { expireOrders } = await import('#server/orders/expire-orders.ts');
    const before = (await stock('sambal-telur-asin'))!;
    const o = await place();
    const row = await order(o.orderId);
    expect(row.stock_held).toBe(1);
    const holdMs = Date.parse(row.hold_until!) - Date.parse(row.created_at);
    expect(holdMs).toBe(120 * 60_000); // ORDER_HOLD_MINUTES default
    expect(await stock('sambal-telur-asin')).toBe(before - 3);

    expect(await lapseDueOrderHolds(new Date(Date.parse(row.hold_until!) - 1000))).toBe(0);
    const v = await version();
    expect(await lapseDueOrderHolds(new Date(Date.parse(row.hold_until!) + 1000))).toBeGreaterThanOrEqual(1);
    expect(await stock('sambal-telur-asin')).toBe(before);
    expect(await version()).not.toBe(v);
    expect(await order(o.orderId)).toMatchObject({ status: 'pending', stock_held: 0 });
    expect(await lapseDueOrderHolds(new Date(Date.parse(row.hold_until!) + 2000))).toBe(0);
    const { db } = await app();
    const events = await db()
      .selectFrom('order_events')
      .select(['type', 'actor_kind'])
      .where('order_id', '=', o.orderId)
      .orderBy('created_at')
      .execute();
    expect(events).toEqual([
      { type: 'placed', actor_kind: 'customer' },
      { type: 'hold_lapsed', actor_kind: 'system' },
    ]);

    await db()
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', o.orderId)
      .execute();
    expect(await expireOrders()).toBeGreaterThanOrEqual(1);
    expect((await order(o.orderId)).status).toBe('expired');
    expect(await stock('sambal-telur-asin')).toBe(before);
  });

  it('a card order holds its stock for the life of its Checkout Session; a payment after the lapse takes the stock again', async () => {
    const { place, shop, stock, order, inShop } = await app();
    await connectShop(stripe, shop.id);
    const before = (await stock('sambal-telur-asin'))!;
    const o = await place({ payment: 'card' });
    const row = await order(o.orderId);
    const session = stripe.sessions.get(row.stripe_checkout_session_id!)!;
    expect(Date.parse(row.hold_until!)).toBe(Number(session.expires_at) * 1000);

    const { lapseOrderHolds } = await import('#server/orders/lapse-order-holds.ts');
    await inShop(shop.id, (s) => lapseOrderHolds(s, new Date(Date.parse(row.hold_until!) + 1000)));
    expect(await stock('sambal-telur-asin')).toBe(before);
    // The money is taken already: the paid order takes its stock again even when that oversells.
    const { transitionOrder } = await import('#server/orders/transition-order.ts');
    const { db } = await app();
    await db().updateTable('products').set({ stock: 1 }).where('shop_id', '=', shop.id).where('slug', '=', 'sambal-telur-asin').execute();
    await inShop(shop.id, (s) => transitionOrder(s, { orderId: o.orderId, to: 'paid', actor: { kind: 'stripe' } }));
    expect(await stock('sambal-telur-asin')).toBe(-2);
    expect(await order(o.orderId)).toMatchObject({ status: 'paid', stock_held: 1, hold_until: null });
    await db()
      .updateTable('products')
      .set({ stock: before })
      .where('shop_id', '=', shop.id)
      .where('slug', '=', 'sambal-telur-asin')
      .execute();
  });

  it('a merchant accepting a lapsed order with the stock there takes it again; cancelling then gives it back once', async () => {
    const { place, shop, stock, order, inShop, db } = await app();
    const { lapseOrderHolds } = await import('#server/orders/lapse-order-holds.ts');
    const { confirmOrder } = await import('#server/orders/confirm-order.ts');
    const { cancelOrder } = await import('#server/orders/cancel-order.ts');
    const owner = await db().selectFrom('users').select('id').where('email', '=', 'pemilik@hk05.test').executeTakeFirstOrThrow();
    const before = (await stock('sambal-telur-asin'))!;
    const o = await place();
    await inShop(shop.id, (s) => lapseOrderHolds(s, new Date(Date.now() + 121 * 60_000)));
    expect(await stock('sambal-telur-asin')).toBe(before);
    await inShop(shop.id, (s) => confirmOrder(s, { orderId: o.orderId, actor: { kind: 'user', userId: owner.id } }));
    expect(await stock('sambal-telur-asin')).toBe(before - 3);
    expect(await order(o.orderId)).toMatchObject({ status: 'confirmed', stock_held: 1, hold_until: null });
    await inShop(shop.id, (s) => cancelOrder(s, { orderId: o.orderId, actor: { kind: 'user', userId: owner.id } }));
    expect(await stock('sambal-telur-asin')).toBe(before);
  });
});
