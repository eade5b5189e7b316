import { currentTime } from '../clock.ts';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { Conflict, Invalid, NotFound, TooManyRequests, Unprocessable } from '../errors.ts';
import { prepared } from '../db/prepared.ts';
import { absoluteUrl, config } from '../config.ts';
import { addSeconds, newToken, sha256Hex } from '../util.ts';
import { whatsappLink } from '../shops/phone.ts';
import { paymentOptions } from '../payments/payment-options.ts';
import { startCardPaymentAfterCommit } from '../payments/card.ts';
import type { DeliveryMethod, OrderChannel, OrderStatus, PaymentMethod } from '../db/schema.ts';
import type { Locale } from '#i18n/index.ts';
import { availableMethods, deliveryFee, deliveryOptions } from './delivery-options.ts';
import { priceItems, type ItemRequest } from './price-items.ts';
import { loadOrderMessage, orderMessageData, orderWhatsappText, type OrderMessageData } from './order-message.ts';
import { insertOrderWithLines } from './insert-order-with-lines.ts';
import { idempotencyKeyHash, openToken, sealToken } from './token-box.ts';
import { requestFingerprint } from './request-fingerprint.ts';
import { takeStock } from './order-stock.ts';
import { lapseOrderHolds } from './lapse-order-holds.ts';

export interface PlaceOrderInput {
  items: ItemRequest[];
  customerName: string;
  /** E.164, already normalised by the schema. */
  customerPhone: string;
  delivery: DeliveryMethod;
  destination: string | null;
  address: string;
  notes: string;
  payment: 'whatsapp' | 'transfer' | 'card';
  idempotencyKey: string | null;
}

export interface PlacedOrder {
  /** True when this answers a repeated request (same idempotency key) with the order placed before. */
  replayed: boolean;
  orderId: string;
  code: string;
  status: OrderStatus;
  subtotal: number;
  deliveryFee: number;
  total: number;
  payment: PaymentMethod;
  token: string;
  statusPath: string;
  statusUrl: string;
  whatsappUrl: string | null;
  checkoutUrl: string | null;
}

function statusPath(slug: string, code: string, token: string): string {
  return `/${slug}/pesanan/${encodeURIComponent(code)}/${token}`;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

/**
 * Place an order: pending, priced from the database (client prices are never read), stock held for
 * ORDER_HOLD_MINUTES (a card order: its Checkout Session's life; lapse-order-holds.ts) within the per-phone
 * and per-IP caps on units held at once, expiring after ORDER_EXPIRY_HOURS unless the shop confirms it, with a short human code, a secret status
 * token (only its SHA-256 stored) and a `placed` event. The same idempotency key returns the same order.
 * `cartTokenHash` empties that cart in the same transaction (the checkout form orders the cart's content).
 */
export async function createOrder(opts: {
  shopId: string;
  input: PlaceOrderInput;
  locale: Locale;
  cartTokenHash?: string | null;
  /** The placing client's address (for the per-IP cap on held units); only a keyed hash is stored. */
  clientIp?: string | null;
  /**
   * An order of recorded history (the demo seed): a card order is taken as paid at Stripe without the shop
   * having Stripe set up here, and no Checkout Session is opened; its payment is recorded with recordCardPayment.
   */
  history?: boolean;
}): Promise<PlacedOrder> {
  const { shopId, input } = opts;
  const fingerprint = input.idempotencyKey ? requestFingerprint(input.idempotencyKey, input, opts.cartTokenHash) : null;
  if (input.idempotencyKey) {
    const replay = await replayOrder(shopId, input.idempotencyKey, fingerprint!);
    if (replay) return replay;
  }
  if (!input.items.length) throw new Invalid({ items: ['orders.emptyCart'] }, 'orders.emptyCart');

  for (let attempt = 0; ; attempt++) {
    try {
      const placed = await inShop(shopId, (scope) => insertOrder(scope, { ...opts, fingerprint }));
      return await finish(shopId, placed, false, opts.history);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
      // A concurrent request with the same key won the race: answer with its order.
      if (input.idempotencyKey) {
        const replay = await replayOrder(shopId, input.idempotencyKey, fingerprint!);
        if (replay) return replay;
      }
      // Otherwise two orders drew the same code at once; draw again.
    }
  }
}

interface Inserted {
  orderId: string;
  code: string;
  token: string;
  slug: string;
  whatsapp: string;
  status: OrderStatus;
  subtotal: number;
  deliveryFee: number;
  total: number;
  payment: PaymentMethod;
  /** The WhatsApp message's data, made in the placing transaction (a replay reads it back instead). */
  message?: (statusUrl: string) => OrderMessageData & { whatsapp: string };
}

async function insertOrder(
  scope: ShopScope,
  opts: {
    input: PlaceOrderInput;
    locale: Locale;
    cartTokenHash?: string | null;
    clientIp?: string | null;
    fingerprint: string | null;
    history?: boolean;
  },
): Promise<Inserted> {
  const { tx, shopId } = scope;
  const { input } = opts;
  const shop = await selectShop.first(tx, shopId);
  if (!shop) throw new NotFound();

  const delivery = deliveryOptions(shop.profile);
  if (!availableMethods(delivery).includes(input.delivery)) throw new Invalid({ delivery: ['orders.deliveryUnavailable'] });
  const payments = await paymentOptions(scope);
  if (!payments[input.payment] && !(opts.history && input.payment === 'card'))
    throw new Invalid({ payment: ['orders.paymentUnavailable'] });

  const nowDate = currentTime();
  // Holds that lapsed since the last sweep give their stock back before this order is checked against it.
  await lapseOrderHolds(scope, nowDate);
  const lines = await priceItems(scope, input.items, { checkStock: true });
  const heldUnits = lines.filter((l) => l.stock !== null).reduce((n, l) => n + l.quantity, 0);
  const ipHash = opts.clientIp ? sha256Hex(`etalase:order-ip:${shopId}:${opts.clientIp}`) : null;
  if (heldUnits > 0) await checkHoldCaps(scope, { phone: input.customerPhone, ipHash, units: heldUnits, now: nowDate });
  const taken = await takeStock(scope, lines, { guard: true });
  if (taken.short) throw new Invalid({ items: ['orders.stockShort'] }, 'orders.stockShortMessage', taken.short);

  const subtotal = lines.reduce((s, l) => s + l.lineTotal, 0);
  const fee = deliveryFee(delivery, input.delivery);
  const total = subtotal + fee;
  const token = newToken();
  const now = nowDate.toISOString();
  const payment: PaymentMethod = input.payment;
  const channel: OrderChannel = payment === 'card' ? 'web' : 'whatsapp';
  const order = {
    access_token_hash: sha256Hex(token),
    idempotency_key: input.idempotencyKey ? idempotencyKeyHash(input.idempotencyKey) : null,
    token_box: input.idempotencyKey ? sealToken(token, input.idempotencyKey) : null,
    request_fingerprint: opts.fingerprint,
    channel,
    payment_method: payment,
    customer_name: input.customerName,
    customer_phone: input.customerPhone,
    delivery_method: input.delivery,
    destination_code: input.destination,
    address: input.address,
    notes: input.notes,
    subtotal,
    delivery_fee: fee,
    total,
    locale: opts.locale,
    expires_at: addSeconds(now, config().orderExpiryHours * 3600),
    client_ip_hash: ipHash,
    hold_until: taken.tracked ? new Date(nowDate.getTime() + config().orderHoldMinutes * 60_000).toISOString() : null,
    stripe_checkout_session_id: null,
    stripe_payment_intent_id: null,
  };
  const { orderId, code } = await insertOrderWithLines(scope, {
    slug: shop.slug,
    order,
    lines,
    stockTaken: taken.tracked,
    placed: { actorKind: 'customer', actorUserId: null, details: { channel, payment, subtotal, deliveryFee: fee, total } },
    now,
  });
  if (opts.cartTokenHash) {
    await tx.deleteFrom('cart_items').where('shop_id', '=', shopId).where('cart_token_hash', '=', opts.cartTokenHash).execute();
  }
  // Public pages may show stock ("sold out"): a hold changes what they should say. Last, so on PostgreSQL the
  // shop row every order updates is locked for the end of the transaction only.
  if (taken.tracked) await bumpShopVersion(scope);
  const messageLines = lines.map((l) => ({
    name: l.name,
    variant_name: l.variantName,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    line_total: l.lineTotal,
  }));
  return {
    orderId,
    code,
    token,
    slug: shop.slug,
    whatsapp: shop.whatsapp,
    status: 'pending',
    subtotal,
    deliveryFee: fee,
    total,
    payment,
    message: (statusUrl) => orderMessageData(shop, { ...order, code }, messageLines, statusUrl),
  };
}

/**
 * Units held at once by one customer phone or one client IP in this shop (pending orders whose hold has
 * not lapsed), so one anonymous visitor cannot take a shop's whole stock off sale. Over a cap: 429 with
 * the time until that customer's oldest hold lapses.
 */
async function checkHoldCaps(scope: ShopScope, o: { phone: string; ipHash: string | null; units: number; now: Date }): Promise<void> {
  const { tx, shopId } = scope;
  const cfg = config();
  const held = async (column: 'customer_phone' | 'client_ip_hash', value: string) => {
    const rows = await (column === 'customer_phone' ? heldByPhone : heldByIp).all(tx, shopId, value, o.now.toISOString());
    let units = 0;
    let first = Infinity;
    for (const r of rows) {
      units += Number(r.units ?? 0);
      first = Math.min(first, Date.parse(String(r.hold_until)));
    }
    return { units, first: Number.isFinite(first) ? first : o.now.getTime() };
  };
  const checks: ['customer_phone' | 'client_ip_hash', string | null, number][] = [
    ['customer_phone', o.phone, cfg.orderHoldMaxUnitsPerPhone],
    ['client_ip_hash', o.ipHash, cfg.orderHoldMaxUnitsPerIp],
  ];
  for (const [column, value, cap] of checks) {
    if (!value) continue;
    if (o.units > cap) throw new Invalid({ items: ['orders.holdCapOrder'] }, 'orders.holdCapOrder', { max: cap });
    const h = await held(column, value);
    if (h.units + o.units > cap) {
      throw new TooManyRequests(Math.max(1, Math.ceil((h.first - o.now.getTime()) / 1000)), 'orders.holdCapReached');
    }
  }
}

const selectShop = prepared((q, shopId: string) =>
  q.selectFrom('shops').select(['slug', 'whatsapp', 'profile', 'name', 'locale']).where('id', '=', shopId),
);
const heldUnits = (column: 'customer_phone' | 'client_ip_hash') =>
  prepared((q, shopId: string, value: string, now: string) =>
    // One row per held order, summed by the caller: SQLite answered the same as one aggregate over a join of orders
    // and order lines 10-20 times slower (~40 us, the dearest statement of placing an order in the ledger bench).
    q
      .selectFrom('orders')
      .select((eb) => [
        'orders.hold_until',
        eb
          .selectFrom('order_lines')
          .select((l) => l.fn.sum<number | string>('order_lines.quantity').as('q'))
          .whereRef('order_lines.shop_id', '=', 'orders.shop_id')
          .whereRef('order_lines.order_id', '=', 'orders.id')
          .as('units'),
      ])
      .where('orders.shop_id', '=', shopId)
      .where(`orders.${column}`, '=', value)
      .where('orders.status', '=', 'pending')
      .where('orders.stock_held', '=', 1)
      .where('orders.hold_until', '>', now),
  );
const heldByPhone = heldUnits('customer_phone');
const heldByIp = heldUnits('client_ip_hash');

/** After the order is committed: the WhatsApp link with the pre-filled message, or the card checkout. */
async function finish(shopId: string, o: Inserted, replayed = false, history = false): Promise<PlacedOrder> {
  const path = statusPath(o.slug, o.code, o.token);
  const statusUrl = absoluteUrl(path);
  let whatsappUrl: string | null = null;
  let checkoutUrl: string | null = null;
  if (o.payment === 'card' && history) {
    // Paid at Stripe in the recorded history: no session to open.
  } else if (o.payment === 'card') {
    // No transaction is held open during the Stripe call; Stripe returns the buyer to the status page.
    checkoutUrl = (await startCardPaymentAfterCommit({ shopId, orderId: o.orderId, statusUrl: path })).checkoutUrl;
  } else {
    const msg = o.message ? o.message(statusUrl) : await inShop(shopId, (scope) => loadOrderMessage(scope, o.orderId, statusUrl));
    whatsappUrl = whatsappLink(msg.whatsapp, orderWhatsappText(msg));
  }
  return {
    replayed,
    orderId: o.orderId,
    code: o.code,
    status: o.status,
    subtotal: o.subtotal,
    deliveryFee: o.deliveryFee,
    total: o.total,
    payment: o.payment,
    token: o.token,
    statusPath: path,
    statusUrl,
    whatsappUrl,
    checkoutUrl,
  };
}

/**
 * The order an earlier request with this key placed, answered the same way; null when there is none.
 * The key is bound to that request: another body with the same key is refused (422) before anything of
 * the first order is read out, so a guessed or leaked key shows nothing of another customer's order.
 */
async function replayOrder(shopId: string, key: string, fingerprint: string): Promise<PlacedOrder | null> {
  const found = await inShop(shopId, async ({ tx }) => {
    const o = await tx
      .selectFrom('orders')
      .select([
        'id',
        'code',
        'status',
        'subtotal',
        'delivery_fee',
        'total',
        'payment_method',
        'token_box',
        'access_token_hash',
        'request_fingerprint',
      ])
      .where('shop_id', '=', shopId)
      .where('idempotency_key', '=', idempotencyKeyHash(key))
      .executeTakeFirst();
    if (!o) return null;
    if (o.request_fingerprint !== fingerprint) throw new Unprocessable('orders.idempotencyKeyReused');
    const shop = await tx.selectFrom('shops').select(['slug', 'whatsapp']).where('id', '=', shopId).executeTakeFirstOrThrow();
    return { o, shop };
  });
  if (!found) return null;
  const { o, shop } = found;
  const token = o.token_box ? openToken(o.token_box, key) : null;
  // The merchant issued a new status link since: the old answer no longer exists, and the new link is theirs to send.
  if (!token || sha256Hex(token) !== o.access_token_hash) throw new Conflict('orders.alreadyPlaced');
  return finish(
    shopId,
    {
      orderId: o.id,
      code: o.code,
      token,
      slug: shop.slug,
      whatsapp: shop.whatsapp,
      status: o.status,
      subtotal: Number(o.subtotal),
      deliveryFee: Number(o.delivery_fee),
      total: Number(o.total),
      payment: o.payment_method,
    },
    true,
  );
}
