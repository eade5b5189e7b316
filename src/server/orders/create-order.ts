import { sql } from 'kysely';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { Conflict, Invalid } from '../errors.ts';
import { absoluteUrl, config } from '../config.ts';
import { addSeconds, newId, newToken, nowIso, sha256Hex } from '../util.ts';
import { hitWindow } from '../auth/rate-limit.ts';
import { whatsappLink } from '../shops/phone.ts';
import { paymentOptions } from '../payments/payment-options.ts';
import { startCardPaymentAfterCommit } from '../payments/card.ts';
import type { DeliveryMethod, OrderStatus, PaymentMethod } from '../db/schema.ts';
import type { Locale } from '../../i18n/index.ts';
import { availableMethods, deliveryFee, deliveryOptions } from './delivery-options.ts';
import { newOrderCode } from './order-code.ts';
import { priceItems, type ItemRequest } from './price-items.ts';
import { loadOrderMessage, orderWhatsappText } from './order-message.ts';
import { idempotencyKeyHash, openToken, sealToken } from './token-box.ts';
import { ORDER_RATE_LIMIT } from './rate-limits.ts';
import { reserveOrderStock } from '../ledger/inventory.ts';

/** Guard for the checkout form (the API declares the same limit on its route); runs before the request is parsed. */
export async function limitOrderPlacement(ip: string): Promise<void> {
  await hitWindow(`${ORDER_RATE_LIMIT.key}:ip:${ip}`, ORDER_RATE_LIMIT.limit, ORDER_RATE_LIMIT.windowSeconds);
}

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
 * Place an order: pending, priced from the database (client prices are never read), stock reserved,
 * expiring after ORDER_EXPIRY_HOURS unless the shop confirms it, with a short human code, a secret status
 * token (only its SHA-256 stored) and a `placed` event. The same idempotency key returns the same order.
 * `cartTokenHash` empties that cart in the same transaction (the checkout form orders the cart's content).
 */
export async function createOrder(opts: {
  shopId: string; input: PlaceOrderInput; locale: Locale; cartTokenHash?: string | null;
}): Promise<PlacedOrder> {
  const { shopId, input } = opts;
  if (input.idempotencyKey) {
    const replay = await replayOrder(shopId, input.idempotencyKey);
    if (replay) return replay;
  }
  if (!input.items.length) throw new Invalid({ items: ['orders.emptyCart'] }, 'orders.emptyCart');

  for (let attempt = 0; ; attempt++) {
    try {
      const placed = await inShop(shopId, (scope) => insertOrder(scope, opts));
      return await finish(shopId, placed);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
      // A concurrent request with the same key won the race: answer with its order.
      if (input.idempotencyKey) {
        const replay = await replayOrder(shopId, input.idempotencyKey);
        if (replay) return replay;
      }
      // Otherwise two orders drew the same code at once; draw again.
    }
  }
}

interface Inserted {
  orderId: string; code: string; token: string; slug: string; whatsapp: string; status: OrderStatus;
  subtotal: number; deliveryFee: number; total: number; payment: PaymentMethod;
}

async function insertOrder(scope: ShopScope, opts: { input: PlaceOrderInput; locale: Locale; cartTokenHash?: string | null }): Promise<Inserted> {
  const { tx, shopId } = scope;
  const { input } = opts;
  const shop = await tx.selectFrom('shops').select(['slug', 'whatsapp', 'profile']).where('id', '=', shopId).executeTakeFirstOrThrow();

  const delivery = deliveryOptions(shop.profile);
  if (!availableMethods(delivery).includes(input.delivery)) throw new Invalid({ delivery: ['orders.deliveryUnavailable'] });
  const payments = await paymentOptions(scope);
  if (!payments[input.payment]) throw new Invalid({ payment: ['orders.paymentUnavailable'] });

  const lines = await priceItems(scope, input.items, { checkStock: true });
  // Reserve stock with a guarded decrement, so two buyers of the last item cannot both get it.
  for (const l of lines) {
    if (l.stock === null) continue;
    const res = l.variantId
      ? await tx.updateTable('product_variants').set({ stock: sql`stock - ${l.quantity}` })
        .where('shop_id', '=', shopId).where('id', '=', l.variantId).where('stock', '>=', l.quantity).executeTakeFirst()
      : await tx.updateTable('products').set({ stock: sql`stock - ${l.quantity}` })
        .where('shop_id', '=', shopId).where('id', '=', l.productId).where('stock', '>=', l.quantity).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = l.variantId
        ? await tx.selectFrom('product_variants').select('stock').where('shop_id', '=', shopId).where('id', '=', l.variantId).executeTakeFirst()
        : await tx.selectFrom('products').select('stock').where('shop_id', '=', shopId).where('id', '=', l.productId).executeTakeFirst();
      const name = l.variantName ? `${l.name} (${l.variantName})` : l.name;
      throw new Invalid({ items: ['orders.stockShort'] }, 'orders.stockShortMessage', { name, available: Math.max(0, now?.stock ?? 0) });
    }
  }
  // Public pages may show stock ("sold out"): a reservation changes what they should say.
  if (lines.some((l) => l.stock !== null)) await bumpShopVersion(scope);

  const subtotal = lines.reduce((s, l) => s + l.lineTotal, 0);
  const fee = deliveryFee(delivery, input.delivery);
  const total = subtotal + fee;
  let code = newOrderCode(shop.slug);
  for (let i = 0; i < 10; i++) {
    const taken = await tx.selectFrom('orders').select('id').where('shop_id', '=', shopId).where('code', '=', code).executeTakeFirst();
    if (!taken) break;
    code = newOrderCode(shop.slug);
  }
  const token = newToken();
  const orderId = newId();
  const now = nowIso();
  const payment: PaymentMethod = input.payment;
  await tx.insertInto('orders').values({
    shop_id: shopId, id: orderId, code, access_token_hash: sha256Hex(token),
    idempotency_key: input.idempotencyKey ? idempotencyKeyHash(input.idempotencyKey) : null,
    token_box: input.idempotencyKey ? sealToken(token, input.idempotencyKey) : null,
    channel: payment === 'card' ? 'web' : 'whatsapp', payment_method: payment, status: 'pending',
    customer_name: input.customerName, customer_phone: input.customerPhone, delivery_method: input.delivery,
    destination_code: input.destination, address: input.address, notes: input.notes,
    subtotal, delivery_fee: fee, total, locale: opts.locale,
    expires_at: addSeconds(now, config().orderExpiryHours * 3600), receipt_media_id: null,
    stripe_checkout_session_id: null, stripe_payment_intent_id: null, created_at: now, updated_at: now,
  }).execute();
  await tx.insertInto('order_lines').values(lines.map((l, i) => ({
    shop_id: shopId, order_id: orderId, line_no: i + 1, product_id: l.productId, variant_id: l.variantId,
    name: l.name, variant_name: l.variantName, sku: l.sku, unit_price: l.unitPrice, unit_cost: l.unitCost,
    quantity: l.quantity, line_total: l.lineTotal,
  }))).execute();
  if (lines.some((l) => l.stock !== null)) await reserveOrderStock(scope, orderId);
  await tx.insertInto('order_events').values({
    shop_id: shopId, id: newId(), order_id: orderId, type: 'placed', from_status: null, to_status: 'pending',
    actor_kind: 'customer', actor_user_id: null, created_at: now,
    details: JSON.stringify({ channel: payment === 'card' ? 'web' : 'whatsapp', payment, subtotal, deliveryFee: fee, total }),
  }).execute();
  if (opts.cartTokenHash) {
    await tx.deleteFrom('cart_items').where('shop_id', '=', shopId).where('cart_token_hash', '=', opts.cartTokenHash).execute();
  }
  return { orderId, code, token, slug: shop.slug, whatsapp: shop.whatsapp, status: 'pending', subtotal, deliveryFee: fee, total, payment };
}

/** After the order is committed: the WhatsApp link with the pre-filled message, or the card checkout. */
async function finish(shopId: string, o: Inserted, replayed = false): Promise<PlacedOrder> {
  const path = statusPath(o.slug, o.code, o.token);
  const statusUrl = absoluteUrl(path);
  let whatsappUrl: string | null = null;
  let checkoutUrl: string | null = null;
  if (o.payment === 'card') {
    // No transaction is held open during the Stripe call; Stripe returns the buyer to the status page.
    checkoutUrl = (await startCardPaymentAfterCommit({ shopId, orderId: o.orderId, statusUrl: path })).checkoutUrl;
  } else {
    const msg = await inShop(shopId, (scope) => loadOrderMessage(scope, o.orderId, statusUrl));
    whatsappUrl = whatsappLink(msg.whatsapp, orderWhatsappText(msg));
  }
  return {
    replayed, orderId: o.orderId, code: o.code, status: o.status, subtotal: o.subtotal, deliveryFee: o.deliveryFee,
    total: o.total, payment: o.payment, token: o.token, statusPath: path, statusUrl, whatsappUrl, checkoutUrl,
  };
}

/** The order an earlier request with this key placed, answered the same way; null when there is none. */
async function replayOrder(shopId: string, key: string): Promise<PlacedOrder | null> {
  const found = await inShop(shopId, async ({ tx }) => {
    const o = await tx.selectFrom('orders')
      .select(['id', 'code', 'status', 'subtotal', 'delivery_fee', 'total', 'payment_method', 'token_box', 'access_token_hash'])
      .where('shop_id', '=', shopId).where('idempotency_key', '=', idempotencyKeyHash(key)).executeTakeFirst();
    if (!o) return null;
    const shop = await tx.selectFrom('shops').select(['slug', 'whatsapp']).where('id', '=', shopId).executeTakeFirstOrThrow();
    return { o, shop };
  });
  if (!found) return null;
  const { o, shop } = found;
  const token = o.token_box ? openToken(o.token_box, key) : null;
  // The merchant issued a new status link since: the old answer no longer exists, and the new link is theirs to send.
  if (!token || sha256Hex(token) !== o.access_token_hash) throw new Conflict('orders.alreadyPlaced');
  return finish(shopId, {
    orderId: o.id, code: o.code, token, slug: shop.slug, whatsapp: shop.whatsapp, status: o.status,
    subtotal: Number(o.subtotal), deliveryFee: Number(o.delivery_fee), total: Number(o.total), payment: o.payment_method,
  }, true);
}
