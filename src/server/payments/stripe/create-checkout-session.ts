import type Stripe from 'stripe';
import { absoluteUrl, config } from '#server/config.ts';
import { Conflict, Invalid, NotFound } from '#server/errors.ts';
import { inShop, type ShopScope } from '#server/tenant/index.ts';
import { t, isLocale } from '#i18n/index.ts';
import { nowIso } from '#server/util.ts';
import { applicationFee, toStripeAmount } from './amount.ts';
import { callStripe, stripe, stripeEnabled } from './client.ts';
import { readStripeSettings } from './settings.ts';

/** Checkout Sessions live 55–60 minutes (Stripe allows 30 min – 24 h); see sessionExpiry. */
const SESSION_MINUTES = 60;

export interface CardCheckoutOpts {
  orderId: string;
  /**
   * The order's status page (`/{shop}/pesanan/{code}/{token}`): only the order's creator knows the
   * token. A path or an absolute URL on PUBLIC_URL; without it the customer returns to the shop page.
   */
  statusUrl?: string;
}

interface Prepared {
  shopId: string;
  accountId: string;
  previousSessionId: string | null;
  previousFailed: boolean;
  params: Stripe.Checkout.SessionCreateParams;
}

/** Card is offered when the platform has Stripe keys and the shop's connected account can take charges. */
export async function cardAvailableIn(scope: ShopScope): Promise<boolean> {
  if (!stripeEnabled()) return false;
  const row = await readStripeSettings(scope);
  return Boolean(row?.stripe_account_id && row.stripe_charges_enabled === 1 && row.accept_card === 1);
}

/** Reads what the session needs, inside the shop's transaction. */
async function prepare(scope: ShopScope, opts: CardCheckoutOpts): Promise<Prepared> {
  const { tx, shopId } = scope;
  const settings = await readStripeSettings(scope);
  if (!(await cardAvailableIn(scope)) || !settings?.stripe_account_id) {
    throw new Invalid({ payment: ['payment.cardUnavailable'] }, 'payment.cardUnavailable');
  }
  const order = await tx
    .selectFrom('orders')
    .select(['id', 'code', 'status', 'payment_method', 'subtotal', 'delivery_fee', 'total', 'locale', 'stripe_checkout_session_id'])
    .where('shop_id', '=', shopId)
    .where('id', '=', opts.orderId)
    .executeTakeFirst();
  if (!order) throw new NotFound('orders.notFound');
  if (order.payment_method !== 'card') throw new Invalid({ payment: ['payment.cardUnavailable'] }, 'payment.cardUnavailable');
  if (order.status !== 'pending') throw new Conflict('stripe.orderNotPayable');
  const lines = await tx
    .selectFrom('order_lines')
    .select(['name', 'variant_name', 'unit_price', 'quantity'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', order.id)
    .orderBy('line_no')
    .execute();
  const shop = await tx.selectFrom('shops').select('slug').where('id', '=', shopId).executeTakeFirstOrThrow();
  let previousFailed = false;
  if (order.stripe_checkout_session_id) {
    const failed = await tx
      .selectFrom('order_events')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('order_id', '=', order.id)
      .where('type', '=', 'payment_failed')
      .where('details', 'like', `%${order.stripe_checkout_session_id}%`)
      .executeTakeFirst();
    previousFailed = Boolean(failed);
  }

  const locale = isLocale(order.locale) ? order.locale : 'id';
  const item = (name: string, unitRupiah: number, quantity: number): Stripe.Checkout.SessionCreateParams.LineItem => ({
    price_data: { currency: 'idr', unit_amount: toStripeAmount(unitRupiah), product_data: { name } },
    quantity,
  });
  let lineItems = lines.map((l) => item(l.variant_name ? `${l.name} – ${l.variant_name}` : l.name, l.unit_price, l.quantity));
  if (order.delivery_fee > 0) lineItems.push(item(t(locale, 'stripe.deliveryLine'), order.delivery_fee, 1));
  // The customer must be charged exactly the order total; if the lines do not add up to it (a discount,
  // a rounding in a future channel), charge the total as one line rather than a different amount.
  const sum = lines.reduce((s, l) => s + l.unit_price * l.quantity, 0) + order.delivery_fee;
  if (sum !== order.total || lineItems.length === 0)
    lineItems = [item(t(locale, 'stripe.orderLine', { code: order.code }), order.total, 1)];

  const metadata = { shop_id: shopId, order_id: order.id, order_code: order.code };
  const statusUrl = resolveStatusUrl(opts.statusUrl, shop.slug);
  const fee = applicationFee(order.total, config().platformFeePercent);
  return {
    shopId,
    accountId: settings.stripe_account_id,
    previousSessionId: order.stripe_checkout_session_id,
    previousFailed,
    params: {
      mode: 'payment',
      currency: 'idr',
      line_items: lineItems,
      client_reference_id: order.code,
      metadata,
      payment_intent_data: { metadata, ...(fee > 0 ? { application_fee_amount: fee } : {}) },
      success_url: withQuery(statusUrl, 'bayar', 'selesai'),
      cancel_url: withQuery(statusUrl, 'bayar', 'batal'),
      expires_at: sessionExpiry(),
      locale,
    },
  };
}

/**
 * Creates (or reuses) the Checkout Session at Stripe, as a direct charge on the shop's connected account.
 * The idempotency key is derived from the order and the session it replaces, so a double tap or a
 * network retry yields the same session, and a retry after an expired or failed one yields a new one.
 */
async function createAtStripe(p: Prepared): Promise<{ id: string; url: string; expiresAt: number }> {
  const requestOpts = { stripeAccount: p.accountId };
  if (p.previousSessionId) {
    let previous: Stripe.Checkout.Session | null = null;
    try {
      const id = p.previousSessionId;
      previous = await callStripe(
        'checkout.sessions.retrieve',
        () => stripe().checkout.sessions.retrieve(id, {}, requestOpts),
        (err) => err.code === 'resource_missing',
      );
    } catch (err) {
      // Made on an account the shop has since replaced: start afresh.
      if (!(err instanceof Error && (err as { code?: string }).code === 'resource_missing')) throw err;
    }
    if (previous?.status === 'open' && previous.url) {
      return { id: previous.id, url: previous.url, expiresAt: previous.expires_at ?? p.params.expires_at! };
    }
    if (previous?.status === 'complete' && !p.previousFailed) throw new Conflict('stripe.paymentInProgress');
  }
  const session = await callStripe('checkout.sessions.create', () =>
    stripe().checkout.sessions.create(p.params, {
      ...requestOpts,
      idempotencyKey: `etalase-checkout-${p.shopId}-${p.params.metadata!.order_id}-${p.previousSessionId ?? 'first'}`,
    }),
  );
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`);
  return { id: session.id, url: session.url, expiresAt: session.expires_at ?? p.params.expires_at! };
}

async function save(scope: ShopScope, orderId: string, s: { id: string; expiresAt: number }): Promise<void> {
  await scope.tx
    .updateTable('orders')
    .set({ stripe_checkout_session_id: s.id, updated_at: nowIso() })
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', orderId)
    .execute();
  // A card order holds its stock for the life of its Checkout Session (no longer: an abandoned one must not hoard).
  await scope.tx
    .updateTable('orders')
    .set({ hold_until: new Date(s.expiresAt * 1000).toISOString() })
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', orderId)
    .where('status', '=', 'pending')
    .where('stock_held', '=', 1)
    .where('hold_until', 'is not', null)
    .execute();
}

/**
 * Inside the caller's shop transaction (the card.ts seam). The Stripe call holds that transaction open
 * for its duration; on SQLite that pauses every other writer, so prefer startCardCheckout after commit.
 */
export async function createCheckoutInScope(scope: ShopScope, opts: CardCheckoutOpts): Promise<{ checkoutUrl: string; sessionId: string }> {
  const p = await prepare(scope, opts);
  const s = await createAtStripe(p);
  await save(scope, opts.orderId, s);
  return { checkoutUrl: s.url, sessionId: s.id };
}

/** Outside any transaction: read, call Stripe with no transaction open, then store the session id. */
export async function startCardCheckout(opts: CardCheckoutOpts & { shopId: string }): Promise<{ checkoutUrl: string; sessionId: string }> {
  const p = await inShop(opts.shopId, (scope) => prepare(scope, opts));
  const s = await createAtStripe(p);
  await inShop(opts.shopId, (scope) => save(scope, opts.orderId, s));
  return { checkoutUrl: s.url, sessionId: s.id };
}

/** 55–60 minutes ahead, fixed within a 5-minute window so a repeated request has identical parameters. */
export function sessionExpiry(nowMs = Date.now()): number {
  const bucket = Math.floor(nowMs / 1000 / 300) * 300;
  return bucket + SESSION_MINUTES * 60;
}

function resolveStatusUrl(statusUrl: string | undefined, slug: string): string {
  const home = absoluteUrl(`/${slug}`);
  if (!statusUrl) return home;
  const base = new URL(`${config().publicUrl}/`);
  const u = new URL(statusUrl, base);
  // Only our own pages: this URL is where Stripe sends the customer.
  if (u.origin !== base.origin) throw new Error(`statusUrl ${statusUrl} is not on PUBLIC_URL`);
  return u.toString();
}

function withQuery(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}
