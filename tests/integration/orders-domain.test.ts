import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { dbName, useLedgerDatabase } from '../helpers/ledger.ts';
import { StripeStub } from '../helpers/stripe-stub.ts';
import { connectShop } from '../helpers/stripe-setup.ts';

// Card payment goes through the real Stripe integration and SDK, against the loopback stub.
const stripe = new StripeStub();
useLedgerDatabase({ stripe });

async function app() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const { createOrder } = await import('#server/orders/create-order.ts');
  const { sha256Hex, newToken } = await import('#server/util.ts');
  const shop = await db().selectFrom('shops').select(['id', 'slug']).where('slug', '=', 'hk05').executeTakeFirstOrThrow();
  const other = await db().selectFrom('shops').select(['id', 'slug']).where('slug', '=', 'roti-balang').executeTakeFirstOrThrow();
  const owner = await db().selectFrom('users').select('id').where('email', '=', 'pemilik@hk05.test').executeTakeFirstOrThrow();
  const product = (slug: string) => db().selectFrom('products').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
  const place = (input: Partial<Parameters<typeof createOrder>[0]['input']> = {}, shopId = shop.id) =>
    createOrder({
      shopId,
      locale: 'id',
      input: {
        items: [{ product: 'telur-asin-bakar-isi-10', quantity: 1 }],
        customerName: 'Ibu Sitti',
        customerPhone: '+6285240001234',
        delivery: 'pickup',
        destination: null,
        address: '',
        notes: '',
        payment: 'whatsapp',
        idempotencyKey: null,
        ...input,
      },
    });
  const counts = async () => ({
    orders: Number(
      (
        await db()
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    events: Number(
      (
        await db()
          .selectFrom('order_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  return { db, inShop, createOrder, place, shop, other, owner, product, counts, sha256Hex, newToken };
}

describe(`placing orders (${dbName})`, () => {
  it('prices from the database, reserves stock, stores only hashes, records a placed event', async () => {
    const { db, place, product, shop, sha256Hex } = await app();
    await db()
      .updateTable('shops')
      .set({ profile: JSON.stringify({ delivery: { pickup: true, local: { enabled: true, fee: 10000 }, courier: true } }) })
      .where('id', '=', shop.id)
      .execute();
    const satuan = await product('telur-asin-bakar-satuan');
    const before = { isi10: (await product('telur-asin-bakar-isi-10')).stock!, satuan: satuan.stock! };
    const r = await place({
      items: [
        { product: 'telur-asin-bakar-isi-10', quantity: 2 },
        { productId: satuan.id, quantity: 3 },
        { product: 'telur-asin-bakar-isi-10', quantity: 1 },
      ],
      delivery: 'local',
      destination: '7306',
      idempotencyKey: 'idem-key-price-test-1',
    });
    expect(r.code).toMatch(/^HK05-[2-9A-HJKMNP-Z]{4}$/);
    expect(r.subtotal).toBe(3 * 35000 + 3 * 4000);
    expect(r.deliveryFee).toBe(10000);
    expect(r.total).toBe(3 * 35000 + 3 * 4000 + 10000);
    expect(r.status).toBe('pending');
    expect(r.token).toMatch(/^[a-z2-7]{32}$/); // 160 bits
    expect(r.statusUrl).toBe(`http://localhost:4321/hk05/pesanan/${r.code}/${r.token}`);
    expect(r.whatsappUrl).toMatch(/^https:\/\/wa\.me\/6281243210005\?text=/);
    const o = await db().selectFrom('orders').selectAll().where('id', '=', r.orderId).executeTakeFirstOrThrow();
    expect(o.access_token_hash).toBe(sha256Hex(r.token));
    expect(Object.values(o)).not.toContain(r.token);
    expect(o.idempotency_key).not.toBe('idem-key-price-test-1');
    expect(Number(o.total)).toBe(r.total);
    expect(Date.parse(o.expires_at!) - Date.parse(o.created_at)).toBe(48 * 3600 * 1000);
    expect(o.channel).toBe('whatsapp');
    const lines = await db().selectFrom('order_lines').selectAll().where('order_id', '=', r.orderId).orderBy('line_no').execute();
    expect(lines.map((l) => [l.name, l.quantity, Number(l.unit_price), Number(l.line_total), Number(l.unit_cost)])).toEqual([
      ['Telur Asin Bakar isi 10', 3, 35000, 105000, 22000],
      ['Telur Asin Bakar satuan', 3, 4000, 12000, 2300],
    ]);
    expect((await product('telur-asin-bakar-isi-10')).stock).toBe(before.isi10 - 3);
    expect((await product('telur-asin-bakar-satuan')).stock).toBe(before.satuan - 3);
    const ev = await db().selectFrom('order_events').selectAll().where('order_id', '=', r.orderId).execute();
    expect(ev.map((e) => [e.type, e.from_status, e.to_status, e.actor_kind])).toEqual([['placed', null, 'pending', 'customer']]);
  });

  it('ignores prices sent by the client (the API schema strips them)', async () => {
    const { createOrderInput } = await import('#server/orders/schemas.ts');
    const parsed = createOrderInput.parse({
      items: [{ product: 'telur-asin-bakar-isi-10', quantity: 1, price: 1, unitPrice: 1 }],
      customerName: 'X',
      customerPhone: '0812 3456 7890',
      delivery: 'pickup',
      payment: 'whatsapp',
      total: 1,
      subtotal: 1,
    });
    expect(parsed.items[0]).toEqual({ product: 'telur-asin-bakar-isi-10', quantity: 1 });
    expect(parsed).not.toHaveProperty('total');
    const { place } = await app();
    const r = await place({ items: parsed.items });
    expect(r.total).toBe(35000);
  });

  it('the same idempotency key twice places one order and answers the same', async () => {
    const { place, counts, product, db } = await app();
    const stock = (await product('telur-asin-rebus-isi-6')).stock!;
    const n = await counts();
    const input = { items: [{ product: 'telur-asin-rebus-isi-6', quantity: 2 }], idempotencyKey: 'double-tap-key-0001' };
    const [a, b] = [await place(input), await place(input)];
    expect(b.replayed).toBe(true);
    expect(b.code).toBe(a.code);
    expect(b.token).toBe(a.token);
    expect(b.whatsappUrl).toBe(a.whatsappUrl);
    expect((await counts()).orders).toBe(n.orders + 1);
    expect((await product('telur-asin-rebus-isi-6')).stock).toBe(stock - 2);
    // Concurrent double tap (two requests in flight at once).
    const both = await Promise.all([
      place({ ...input, idempotencyKey: 'double-tap-key-0002' }),
      place({ ...input, idempotencyKey: 'double-tap-key-0002' }),
    ]);
    expect(both[0].code).toBe(both[1].code);
    expect((await counts()).orders).toBe(n.orders + 2);
    expect((await product('telur-asin-rebus-isi-6')).stock).toBe(stock - 4);
    const rows = await db().selectFrom('orders').select('code').where('code', 'in', [a.code, both[0].code]).execute();
    expect(rows).toHaveLength(2);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const { place, counts, product, db, shop, other } = await app();
    const n = await counts();
    const stock = (await product('telur-asin-bakar-isi-10')).stock!;
    const roti = await product('roti-pisang');
    await expect(place({ items: [{ productId: roti.id, quantity: 1 }] })).rejects.toMatchObject({
      status: 400,
      fields: { 'items.0.productId': ['orders.productUnavailable'] },
    });
    await expect(place({ items: [{ product: 'roti-pisang', quantity: 1 }] })).rejects.toMatchObject({ status: 400 });
    await expect(place({ items: [{ product: 'tidak-ada', quantity: 1 }] })).rejects.toMatchObject({ status: 400 });
    await expect(place({ items: [{ product: 'telur-asin-bakar-isi-10', quantity: stock + 1 }] })).rejects.toMatchObject({
      status: 400,
      messageKey: 'orders.stockShortMessage',
      params: { available: stock },
    });
    await expect(place({ items: [] })).rejects.toMatchObject({ messageKey: 'orders.emptyCart' });
    await expect(place({ payment: 'transfer' })).rejects.toMatchObject({ fields: { payment: ['orders.paymentUnavailable'] } });
    await expect(place({ payment: 'card' })).rejects.toMatchObject({ fields: { payment: ['orders.paymentUnavailable'] } });
    await db().updateTable('shops').set({ profile: '{}' }).where('id', '=', shop.id).execute();
    await expect(place({ delivery: 'local', destination: '7306' })).rejects.toMatchObject({
      fields: { delivery: ['orders.deliveryUnavailable'] },
    });
    await db().updateTable('products').set({ status: 'draft' }).where('slug', '=', 'telur-asin-rebus-isi-6').execute();
    await expect(place({ items: [{ product: 'telur-asin-rebus-isi-6', quantity: 1 }] })).rejects.toMatchObject({ status: 400 });
    await db().updateTable('products').set({ status: 'published' }).where('slug', '=', 'telur-asin-rebus-isi-6').execute();
    // A product of this shop ordered in another shop's name is just as unknown there.
    const isi10 = await product('telur-asin-bakar-isi-10');
    await expect(place({ items: [{ productId: isi10.id, quantity: 1 }] }, other.id)).rejects.toMatchObject({ status: 400 });
    expect(await counts()).toEqual(n);
    expect((await product('telur-asin-bakar-isi-10')).stock).toBe(stock);
  });

  it('a card order goes to the card checkout when the shop can take cards (and only then)', async () => {
    const { place, db } = await app();
    await expect(place({ payment: 'card' })).rejects.toMatchObject({ fields: { payment: ['orders.paymentUnavailable'] } });
    const { shop } = await app();
    const account = await connectShop(stripe, shop.id);
    const r = await place({ payment: 'card', idempotencyKey: 'card-key-0000001' });
    expect(r.whatsappUrl).toBeNull();
    const o = await db()
      .selectFrom('orders')
      .select(['channel', 'payment_method', 'status', 'stripe_checkout_session_id', 'code'])
      .where('id', '=', r.orderId)
      .executeTakeFirstOrThrow();
    expect(o).toMatchObject({ channel: 'web', payment_method: 'card', status: 'pending' });
    const session = stripe.sessions.get(o.stripe_checkout_session_id!)!;
    expect(session._account).toBe(account); // a direct charge on the shop's own account
    expect(session.client_reference_id).toBe(o.code);
    expect(r.checkoutUrl).toBe(session.url);
    const again = await place({ payment: 'card', idempotencyKey: 'card-key-0000001' });
    expect(again.orderId).toBe(r.orderId);
    expect(again.checkoutUrl).toBe(r.checkoutUrl); // a double tap reuses the open session
  });

  it('schema: more than 100 lines, non-integer or zero quantity, missing destination, bad phone, bad payment', async () => {
    const { createOrderInput } = await import('#server/orders/schemas.ts');
    const base = {
      customerName: 'X',
      customerPhone: '0812 3456 7890',
      delivery: 'pickup',
      payment: 'whatsapp',
      items: [{ product: 'a', quantity: 1 }],
    };
    const issues = (v: unknown) => createOrderInput.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];
    expect(issues({ ...base, items: Array.from({ length: 101 }, () => ({ product: 'a', quantity: 1 })) })).toContain(
      'items:orders.tooManyLines',
    );
    expect(issues({ ...base, items: [{ product: 'a', quantity: 0 }] })).toContain('items.0.quantity:cart.quantityInvalid');
    expect(issues({ ...base, items: [{ product: 'a', quantity: 1.5 }] })).toContain('items.0.quantity:cart.quantityInvalid');
    expect(issues({ ...base, items: [{ product: 'a', quantity: -2 }] })).toContain('items.0.quantity:cart.quantityInvalid');
    expect(issues({ ...base, delivery: 'courier' })).toContain('destination:orders.destinationRequired');
    expect(issues({ ...base, delivery: 'local', destination: '9999' })).toContain('destination:orders.destinationUnknown');
    expect(issues({ ...base, customerPhone: '12345' })).toContain('customerPhone:phone.invalid');
    expect(issues({ ...base, payment: 'bitcoin' }).some((s) => s.startsWith('payment:'))).toBe(true);
    expect(issues({ ...base, items: [{ quantity: 1 }] })).toContain('items.0.productId:orders.productRequired');
    expect(issues(base)).toEqual([]);
  });

  it('variants: required when a product has them, priced and stocked per variant, released on cancel', async () => {
    const { db, place, shop, product, inShop, owner } = await app();
    const { cancelOrder } = await import('#server/orders/cancel-order.ts');
    const p = await product('telur-asin-rebus-isi-6');
    const now = new Date().toISOString();
    await db()
      .insertInto('product_variants')
      .values([
        {
          shop_id: shop.id,
          id: 'varpedas000000001',
          product_id: p.id,
          name: 'Pedas',
          sku: null,
          price: 21000,
          compare_at_price: null,
          unit_cost: 13000,
          stock: 5,
          created_at: now,
          updated_at: now,
        },
        {
          shop_id: shop.id,
          id: 'varbiasa000000001',
          product_id: p.id,
          name: 'Biasa',
          sku: null,
          price: 19000,
          compare_at_price: null,
          unit_cost: 12500,
          stock: null,
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    await expect(place({ items: [{ productId: p.id, quantity: 1 }] })).rejects.toMatchObject({
      fields: { 'items.0.variantId': ['orders.variantRequired'] },
    });
    await expect(place({ items: [{ productId: p.id, variantId: 'nope', quantity: 1 }] })).rejects.toMatchObject({
      fields: { 'items.0.variantId': ['orders.variantUnavailable'] },
    });
    await expect(place({ items: [{ productId: p.id, variantId: 'varpedas000000001', quantity: 6 }] })).rejects.toMatchObject({
      params: { name: 'Telur Asin Rebus isi 6 (Pedas)', available: 5 },
    });
    const productStock = (await product('telur-asin-rebus-isi-6')).stock;
    const r = await place({
      items: [
        { productId: p.id, variantId: 'varpedas000000001', quantity: 2 },
        { productId: p.id, variantId: 'varbiasa000000001', quantity: 1 },
      ],
    });
    expect(r.subtotal).toBe(2 * 21000 + 19000);
    const v = () => db().selectFrom('product_variants').select('stock').where('id', '=', 'varpedas000000001').executeTakeFirstOrThrow();
    expect((await v()).stock).toBe(3);
    expect((await product('telur-asin-rebus-isi-6')).stock).toBe(productStock); // the product's own stock is not the variant's
    await inShop(shop.id, (scope) => cancelOrder(scope, { orderId: r.orderId, actor: { kind: 'user', userId: owner.id } }));
    expect((await v()).stock).toBe(5);
    await db().deleteFrom('product_variants').where('product_id', '=', p.id).execute();
  });
});

describe(`order lifecycle (${dbName})`, () => {
  it('allows every lifecycle move through its domain function, records who and when, refuses the rest', async () => {
    const { place, inShop, shop, owner, db } = await app();
    const { confirmOrder } = await import('#server/orders/confirm-order.ts');
    const { markOrderPaid } = await import('#server/orders/mark-order-paid.ts');
    const { fulfilOrder } = await import('#server/orders/fulfil-order.ts');
    const { cancelOrder } = await import('#server/orders/cancel-order.ts');
    const actor = { kind: 'user' as const, userId: owner.id };
    const run = <T>(fn: (s: Parameters<Parameters<typeof inShop>[1]>[0]) => Promise<T>) => inShop(shop.id, fn);
    const events = async (id: string) =>
      await db()
        .selectFrom('order_events')
        .select(['type', 'from_status', 'to_status', 'actor_kind', 'actor_user_id'])
        .where('order_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();

    // pending -> confirmed -> paid -> fulfilled
    const a = await place();
    await run((s) => confirmOrder(s, { orderId: a.orderId, actor }));
    expect((await run((s) => confirmOrder(s, { orderId: a.orderId, actor }))).changed).toBe(false); // a repeat is a no-op
    await run((s) => markOrderPaid(s, { orderId: a.orderId, actor }));
    await run((s) => fulfilOrder(s, { orderId: a.orderId, actor }));
    const ea = await events(a.orderId);
    expect(ea.map((e) => `${e.type}:${e.from_status ?? '-'}>${e.to_status}`)).toEqual([
      'placed:->pending',
      'confirmed:pending>confirmed',
      'paid:confirmed>paid',
      'fulfilled:paid>fulfilled',
    ]);
    expect(ea.slice(1).every((e) => e.actor_kind === 'user' && e.actor_user_id === owner.id)).toBe(true);
    // Nothing leaves fulfilled.
    await expect(run((s) => cancelOrder(s, { orderId: a.orderId, actor }))).rejects.toMatchObject({ status: 409 });

    // pending -> paid (paid before confirming) -> cancelled; confirmed -> cancelled; pending -> cancelled
    const b = await place();
    await run((s) => markOrderPaid(s, { orderId: b.orderId, actor: { kind: 'stripe' }, details: { paymentIntent: 'pi_1' } }));
    await expect(run((s) => confirmOrder(s, { orderId: b.orderId, actor }))).rejects.toMatchObject({
      status: 409,
      messageKey: 'orders.badTransition',
    });
    await run((s) => cancelOrder(s, { orderId: b.orderId, actor, reason: 'refund' }));
    expect((await events(b.orderId)).map((e) => `${e.type}:${e.actor_kind}`)).toEqual(['placed:customer', 'paid:stripe', 'cancelled:user']);
    const c = await place();
    await expect(run((s) => fulfilOrder(s, { orderId: c.orderId, actor }))).rejects.toMatchObject({ status: 409 }); // not paid yet
    await run((s) => confirmOrder(s, { orderId: c.orderId, actor }));
    await expect(run((s) => fulfilOrder(s, { orderId: c.orderId, actor }))).rejects.toMatchObject({ status: 409 });
    await run((s) => cancelOrder(s, { orderId: c.orderId, actor }));
    await expect(run((s) => markOrderPaid(s, { orderId: c.orderId, actor }))).rejects.toMatchObject({ status: 409 });
    const d = await place();
    await run((s) => cancelOrder(s, { orderId: d.orderId, actor }));
    await expect(run((s) => confirmOrder(s, { orderId: d.orderId, actor }))).rejects.toMatchObject({ status: 409 });
    // Another shop's order is not found from this shop.
    await expect(inShop((await app()).other.id, (s) => confirmOrder(s, { orderId: a.orderId, actor }))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('cancelling releases reserved stock once', async () => {
    const { place, inShop, shop, owner, product } = await app();
    const { cancelOrder } = await import('#server/orders/cancel-order.ts');
    const stock = (await product('telur-asin-bakar-satuan')).stock!;
    const r = await place({ items: [{ product: 'telur-asin-bakar-satuan', quantity: 7 }] });
    expect((await product('telur-asin-bakar-satuan')).stock).toBe(stock - 7);
    await inShop(shop.id, (s) => cancelOrder(s, { orderId: r.orderId, actor: { kind: 'user', userId: owner.id } }));
    await inShop(shop.id, (s) => cancelOrder(s, { orderId: r.orderId, actor: { kind: 'user', userId: owner.id } }));
    expect((await product('telur-asin-bakar-satuan')).stock).toBe(stock);
  });

  it('expiry: the sweep expires pending orders past expires_at (system event, stock back), and a read expires too', async () => {
    const { place, inShop, shop, owner, product, db } = await app();
    const { expireOrders } = await import('#server/orders/expire-orders.ts');
    const { confirmOrder } = await import('#server/orders/confirm-order.ts');
    const { getCustomerOrder } = await import('#server/orders/get-customer-order.ts');
    const stock = (await product('telur-asin-bakar-satuan')).stock!;
    const due = await place({ items: [{ product: 'telur-asin-bakar-satuan', quantity: 4 }] });
    const confirmed = await place({ items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }] });
    const fresh = await place({ items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }] });
    await inShop(shop.id, (s) => confirmOrder(s, { orderId: confirmed.orderId, actor: { kind: 'user', userId: owner.id } }));
    const past = new Date(Date.now() - 60_000).toISOString();
    await db().updateTable('orders').set({ expires_at: past }).where('id', 'in', [due.orderId, confirmed.orderId]).execute();
    expect(await expireOrders()).toBeGreaterThanOrEqual(1);
    const status = async (id: string) =>
      (await db().selectFrom('orders').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect(await status(due.orderId)).toBe('expired');
    expect(await status(confirmed.orderId)).toBe('confirmed');
    expect(await status(fresh.orderId)).toBe('pending');
    expect((await product('telur-asin-bakar-satuan')).stock).toBe(stock - 2);
    const ev = await db()
      .selectFrom('order_events')
      .select(['type', 'actor_kind'])
      .where('order_id', '=', due.orderId)
      .where('type', '=', 'expired')
      .execute();
    expect(ev).toEqual([{ type: 'expired', actor_kind: 'system' }]);
    expect(await expireOrders()).toBe(0); // idempotent
    // Expire on read: the status page never shows a stale "waiting".
    await db().updateTable('orders').set({ expires_at: past }).where('id', '=', fresh.orderId).execute();
    const seen = await getCustomerOrder({ shopId: shop.id, code: fresh.code, token: fresh.token });
    expect(seen.status).toBe('expired');
    expect(seen.events.map((e) => e.type)).toEqual(['placed', 'expired']);
    expect((await product('telur-asin-bakar-satuan')).stock).toBe(stock - 1);
  });

  it('codes are unique per shop (constraint), the token alone opens an order, wrong token is not found', async () => {
    const { place, db, shop, newToken } = await app();
    const { getCustomerOrder } = await import('#server/orders/get-customer-order.ts');
    const made = await Promise.all(
      Array.from({ length: 12 }, () => place({ items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }] })),
    );
    expect(new Set(made.map((m) => m.code)).size).toBe(12);
    const row = await db().selectFrom('orders').selectAll().where('id', '=', made[0]!.orderId).executeTakeFirstOrThrow();
    await expect(
      db()
        .insertInto('orders')
        .values({ ...row, id: 'dupe0000000000001', idempotency_key: null })
        .execute(),
    ).rejects.toThrow();
    const ok = await getCustomerOrder({ shopId: shop.id, code: made[0]!.code.toLowerCase(), token: made[0]!.token });
    expect(ok.code).toBe(made[0]!.code);
    await expect(getCustomerOrder({ shopId: shop.id, code: made[0]!.code, token: made[1]!.token })).rejects.toMatchObject({ status: 404 });
    await expect(getCustomerOrder({ shopId: shop.id, code: made[0]!.code, token: newToken() })).rejects.toMatchObject({ status: 404 });
    await expect(getCustomerOrder({ shopId: shop.id, code: made[0]!.code, token: '' })).rejects.toMatchObject({ status: 404 });
    await expect(getCustomerOrder({ shopId: (await app()).other.id, code: made[0]!.code, token: made[0]!.token })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('a new status link replaces the old one; a replay of the old request then conflicts instead of leaking', async () => {
    const { place, shop, owner } = await app();
    const { regenerateStatusLink } = await import('#server/orders/regenerate-status-link.ts');
    const { getCustomerOrder } = await import('#server/orders/get-customer-order.ts');
    const r = await place({ idempotencyKey: 'regen-key-000001' });
    const link = await regenerateStatusLink({ shopId: shop.id, code: r.code, userId: owner.id, role: 'owner' });
    expect(link.whatsappUrl).toMatch(/^https:\/\/wa\.me\/6285240001234\?text=/);
    const newToken = link.statusUrl.split('/').pop()!;
    expect(newToken).not.toBe(r.token);
    await expect(getCustomerOrder({ shopId: shop.id, code: r.code, token: r.token })).rejects.toMatchObject({ status: 404 });
    expect((await getCustomerOrder({ shopId: shop.id, code: r.code, token: newToken })).events.map((e) => e.type)).toEqual([
      'placed',
      'status_link_regenerated',
    ]);
    await expect(place({ idempotencyKey: 'regen-key-000001' })).rejects.toMatchObject({ status: 409 });
  });
});

describe(`cart (${dbName})`, () => {
  it('adds, sets and removes lines priced from the database; refuses over-stock and foreign products', async () => {
    const { shop, product, db } = await app();
    const { updateCart } = await import('#server/orders/update-cart.ts');
    const { getCart } = await import('#server/orders/get-cart.ts');
    const isi10 = await product('telur-asin-bakar-isi-10');
    const rebus = await product('telur-asin-rebus-isi-6');
    const input = (productId: string, quantity: number, action: 'add' | 'set' | 'remove' = 'add') => ({
      productId,
      variantId: null,
      quantity,
      action,
      returnTo: undefined,
    });
    const a = await updateCart({ shopId: shop.id, token: null, input: input(isi10.id, 2) });
    expect(a.token).toMatch(/^[a-z2-7]{32}$/);
    const b = await updateCart({ shopId: shop.id, token: a.token, input: input(isi10.id, 1) });
    expect(b.cart.lines.map((l) => [l.name, l.quantity, l.lineTotal])).toEqual([['Telur Asin Bakar isi 10', 3, 105000]]);
    const c = await updateCart({ shopId: shop.id, token: a.token, input: input(rebus.id, 2) });
    expect(c.cart.count).toBe(5);
    expect(c.cart.subtotal).toBe(105000 + 38000);
    const d = await updateCart({ shopId: shop.id, token: a.token, input: input(isi10.id, 1, 'set') });
    expect(d.cart.subtotal).toBe(35000 + 38000);
    await expect(updateCart({ shopId: shop.id, token: a.token, input: input(isi10.id, isi10.stock! + 1, 'set') })).rejects.toMatchObject({
      messageKey: 'orders.stockShortMessage',
    });
    const roti = await product('roti-pisang');
    await expect(updateCart({ shopId: shop.id, token: a.token, input: input(roti.id, 1) })).rejects.toMatchObject({ status: 400 });
    await expect(updateCart({ shopId: shop.id, token: a.token, input: input(isi10.id, 0) })).rejects.toMatchObject({ status: 400 });
    const e = await updateCart({ shopId: shop.id, token: a.token, input: input(isi10.id, 0, 'remove') });
    expect(e.cart.lines.map((l) => l.name)).toEqual(['Telur Asin Rebus isi 6']);
    // Only the hash of the cookie is stored.
    const stored = await db().selectFrom('carts').select('token_hash').where('shop_id', '=', shop.id).execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(a.token);
    // A product that is unpublished later drops out of the cart, and the reader is told.
    await db().updateTable('products').set({ status: 'draft' }).where('id', '=', rebus.id).execute();
    const f = await getCart({ shopId: shop.id, token: a.token });
    expect(f).toMatchObject({ lines: [], removed: 1, count: 0 });
    await db().updateTable('products').set({ status: 'published' }).where('id', '=', rebus.id).execute();
    expect((await getCart({ shopId: shop.id, token: 'garbage' })).lines).toEqual([]);
  });
});

describe(`payment settings (${dbName})`, () => {
  it('a wrong password writes nothing; a right one saves and audits with the account number masked', async () => {
    const { shop, owner, db } = await app();
    const { updatePaymentSettings } = await import('#server/payments/update-payment-settings.ts');
    const { paymentSettingsInput } = await import('#server/payments/schemas.ts');
    const input = (password: string) =>
      paymentSettingsInput.parse({
        bankName: 'BRI',
        bankAccountNumber: '0123-4567-8901',
        bankAccountHolder: 'Hj. Kasma',
        acceptWhatsapp: '1',
        acceptTransfer: '1',
        password,
      });
    const before = await db().selectFrom('shop_payment_settings').selectAll().where('shop_id', '=', shop.id).execute();
    await expect(
      updatePaymentSettings({ shopId: shop.id, userId: owner.id, role: 'owner', input: input('salah-sekali'), qris: null }),
    ).rejects.toMatchObject({ fields: { password: ['paySettings.wrongPassword'] } });
    expect(await db().selectFrom('shop_payment_settings').selectAll().where('shop_id', '=', shop.id).execute()).toEqual(before);
    expect(
      await db().selectFrom('audit_log').selectAll().where('shop_id', '=', shop.id).where('action', '=', 'payments.updated').execute(),
    ).toEqual([]);
    const r = await updatePaymentSettings({
      shopId: shop.id,
      userId: owner.id,
      role: 'owner',
      input: input(DEMO_PASSWORD),
      qris: null,
      ip: '10.0.0.1',
    });
    expect(r.changed).toEqual(expect.arrayContaining(['bank_name', 'bank_account_number', 'bank_account_holder', 'accept_transfer']));
    const row = await db().selectFrom('shop_payment_settings').selectAll().where('shop_id', '=', shop.id).executeTakeFirstOrThrow();
    expect(row.bank_account_number).toBe('012345678901');
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('shop_id', '=', shop.id)
      .where('action', '=', 'payments.updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain('012345678901');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ accountNumber: '****8901' });
    // Transfer is now offered at checkout; the same save again changes nothing and audits nothing.
    expect(
      (await updatePaymentSettings({ shopId: shop.id, userId: owner.id, role: 'owner', input: input(DEMO_PASSWORD), qris: null })).changed,
    ).toEqual([]);
    await expect(
      updatePaymentSettings({
        shopId: shop.id,
        userId: owner.id,
        role: 'owner',
        qris: null,
        input: paymentSettingsInput.parse({ acceptTransfer: '1', password: DEMO_PASSWORD }),
      }),
    ).rejects.toMatchObject({ messageKey: 'paySettings.transferNeedsDetails' });
    expect(paymentSettingsInput.safeParse({ bankName: 'BRI', password: 'x' }).success).toBe(false);
    const { place } = await app();
    expect((await place({ payment: 'transfer' })).payment).toBe('transfer');
  });
});
