import { STRIPE_WEBHOOK_BYTES } from '#server/http/body-limits.ts';
import type Stripe from 'stripe';
import { config } from '#server/config.ts';
import { dialect } from '#server/db/index.ts';
import { Invalid, NotFound } from '#server/errors.ts';
import { inShop, type ShopScope } from '#server/tenant/index.ts';
import { shopByStripeAccount } from '#server/tenant/cross-shop.ts';
import { recordOrderEvent, transitionOrder, type OrderActor } from '#server/orders/transition-order.ts';
import { nowIso } from '#server/util.ts';
import { postOrderRefund } from '#server/ledger/post-order-transition.ts';
import { fromStripeAmount } from './amount.ts';
import { cardFeesPosted, lookupChargeFees, lookupPaymentFees, postCardFees, type FeeLookup } from './card-fees.ts';
import { recordCardPaymentInScope, setCheckoutIntent } from './record-card-payment.ts';
import { stripe, stripeEnabled, StripeUnavailable } from './client.ts';
import { applyAccountState } from './refresh-account.ts';
import { clearStripeAccount } from './disconnect-account.ts';

/**
 * POST /api/v1/stripe/webhook (a Connect endpoint: events of the shops' connected accounts).
 *
 * - The signature is checked on the raw body; a bad or missing one, or one older than Stripe's 300 s
 *   tolerance (a replay), is a 400 and nothing is written.
 * - Each event is routed to a shop by its connected account (`event.account`), and for order events the
 *   metadata (shop_id, order_id, order_code) must name an order of that same shop. An event whose account
 *   and order do not belong together is refused: logged, answered 200 (Stripe would only redeliver the
 *   same mismatch) and nothing is written.
 * - Each processed event id is stored in stripe_events in the same transaction as its effect; a
 *   redelivery is skipped. Effects re-read the order instead of trusting the event order.
 * - The card fees (card-fees.ts) are the one thing not in the events: they are read from Stripe before the
 *   shop transaction opens (never a network call inside one). A payment event records the payment even
 *   when Stripe cannot say the fees yet (the customer paid; the order must not wait on a fee); a charge
 *   event (charge.succeeded, charge.updated, charge.refunded) that carries the balance transaction posts them
 *   later, once (key order:<id>:card-fees). A charge.succeeded/updated whose balance transaction Stripe then
 *   fails to return is answered 502 with nothing written, so Stripe redelivers it.
 */
export type WebhookOutcome =
  { received: true; outcome: 'processed' | 'duplicate' } | { received: true; outcome: 'ignored'; reason: string };

const STRIPE: OrderActor = { kind: 'stripe' };
/** Stripe events are small; anything this large is not one. */
export const MAX_WEBHOOK_BYTES = STRIPE_WEBHOOK_BYTES;

export async function handleStripeWebhook(rawBody: Uint8Array | string, signature: string | null): Promise<WebhookOutcome> {
  const secret = config().stripeWebhookSecret;
  if (!stripeEnabled() || !secret) throw new NotFound();
  const size = typeof rawBody === 'string' ? Buffer.byteLength(rawBody) : rawBody.byteLength;
  if (size > MAX_WEBHOOK_BYTES) throw new Invalid({ _: ['stripe.badWebhook'] }, 'stripe.badWebhook');
  if (!signature) throw new Invalid({ 'stripe-signature': ['stripe.badSignature'] }, 'stripe.badSignature');
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody), signature, secret);
  } catch {
    throw new Invalid({ 'stripe-signature': ['stripe.badSignature'] }, 'stripe.badSignature');
  }
  return processStripeEvent(event);
}

function ignored(reason: string, event: Stripe.Event, log = false): WebhookOutcome {
  if (log) console.warn(`[stripe] refused ${event.type} ${event.id} (account ${event.account ?? '-'}): ${reason}`);
  return { received: true, outcome: 'ignored', reason };
}

/** Verified event → effect. Exported for tests of the routing rules; the route always verifies first. */
export async function processStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  if (!event.account) return ignored('not_a_connect_event', event);
  const shop = await shopByStripeAccount(event.account);
  if (!shop) return ignored('unknown_account', event);
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return onCheckoutSession(shop.id, event, await paymentFees(event));
    case 'charge.succeeded':
    case 'charge.updated':
      return onChargeFees(shop.id, event);
    case 'charge.refunded':
      return onChargeRefunded(shop.id, event, await pendingChargeFees(shop.id, event.account, event.data.object));
    case 'charge.dispute.created':
      return onDisputeCreated(shop.id, event);
    case 'account.updated':
      return inShop(shop.id, async (scope) => {
        if (event.data.object.id !== event.account) return ignored('account_mismatch', event, true);
        if (!(await claim(scope, event))) return duplicate();
        await applyAccountState(scope, {
          accountId: event.account!,
          chargesEnabled: event.data.object.charges_enabled === true,
          asOf: event.created,
          source: 'webhook',
        });
        return processed();
      });
    case 'account.application.deauthorized':
      return inShop(shop.id, async (scope) => {
        if (!(await claim(scope, event))) return duplicate();
        await clearStripeAccount(scope, { accountId: event.account, userId: null, reason: 'deauthorized' });
        return processed();
      });
    default:
      return ignored('unhandled_type', event);
  }
}

const processed = (): WebhookOutcome => ({ received: true, outcome: 'processed' });
const duplicate = (): WebhookOutcome => ({ received: true, outcome: 'duplicate' });

/** Mark the event processed for this shop; false when it already was (a redelivery). Same transaction as the effect. */
async function claim(scope: ShopScope, event: Stripe.Event): Promise<boolean> {
  const r = await scope.tx
    .insertInto('stripe_events')
    .values({ shop_id: scope.shopId, event_id: event.id, type: event.type, processed_at: nowIso() })
    .onConflict((oc) => oc.columns(['shop_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return r !== undefined;
}

interface OrderRow {
  id: string;
  code: string;
  status: 'pending' | 'confirmed' | 'paid' | 'fulfilled' | 'cancelled' | 'expired';
  payment_method: string;
  total: number;
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_refunded_amount: number;
}

async function loadOrder(scope: ShopScope, where: { id?: string; paymentIntent?: string }): Promise<OrderRow | undefined> {
  let q = scope.tx
    .selectFrom('orders')
    .select([
      'id',
      'code',
      'status',
      'payment_method',
      'total',
      'stripe_checkout_session_id',
      'stripe_payment_intent_id',
      'stripe_refunded_amount',
    ])
    .where('shop_id', '=', scope.shopId);
  if (where.id) q = q.where('id', '=', where.id);
  else if (where.paymentIntent) q = q.where('stripe_payment_intent_id', '=', where.paymentIntent);
  else return undefined;
  // Two events for one order at once (completed and async_payment_succeeded) wait for each other here
  // and the second sees the first one's result. SQLite has one writer anyway.
  if (dialect() === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The order an object's metadata names, checked against the shop the account belongs to.
 * 'foreign' = metadata of another shop, or an order id/code this shop does not have: refused.
 * 'none' = no Etalase metadata (the shop's own sales outside Etalase on its account): ignored.
 */
async function orderFromMetadata(
  scope: ShopScope,
  metadata: Stripe.Metadata | null | undefined,
): Promise<{ kind: 'none' } | { kind: 'foreign' } | { kind: 'order'; order: OrderRow }> {
  const shopId = metadata?.shop_id;
  const orderId = metadata?.order_id;
  if (!shopId && !orderId) return { kind: 'none' };
  if (shopId !== scope.shopId || !orderId) return { kind: 'foreign' };
  const order = await loadOrder(scope, { id: orderId });
  if (!order || (metadata?.order_code && metadata.order_code !== order.code)) return { kind: 'foreign' };
  return { kind: 'order', order };
}

function intentId(pi: string | { id: string } | null | undefined): string | null {
  if (!pi) return null;
  return typeof pi === 'string' ? pi : pi.id;
}

type CheckoutSessionEvent =
  | Stripe.CheckoutSessionCompletedEvent
  | Stripe.CheckoutSessionAsyncPaymentSucceededEvent
  | Stripe.CheckoutSessionAsyncPaymentFailedEvent
  | Stripe.CheckoutSessionExpiredEvent;

/** The fees of a session that was just paid, read before the shop transaction; null when not a paid Etalase session. */
async function paymentFees(event: CheckoutSessionEvent): Promise<FeeLookup | null> {
  const session = event.data.object;
  const paid =
    event.type === 'checkout.session.async_payment_succeeded' ||
    (event.type === 'checkout.session.completed' && session.payment_status === 'paid');
  const pi = intentId(session.payment_intent);
  if (!paid || !pi || !session.metadata?.order_id || !event.account) return null;
  return lookupPaymentFees(event.account, pi);
}

async function onCheckoutSession(shopId: string, event: CheckoutSessionEvent, fees: FeeLookup | null): Promise<WebhookOutcome> {
  const session = event.data.object;
  return inShop(shopId, async (scope) => {
    const found = await orderFromMetadata(scope, session.metadata);
    if (found.kind === 'none') return ignored('not_an_etalase_session', event);
    if (found.kind === 'foreign') return ignored('account_order_mismatch', event, true);
    if (!(await claim(scope, event))) return duplicate();
    const order = found.order;
    const pi = intentId(session.payment_intent);
    const details = { session: session.id, payment_intent: pi, event: event.id };
    switch (event.type) {
      case 'checkout.session.completed':
        if (session.payment_status === 'paid') await markPaid(scope, order, session, event.id, fees);
        else {
          // An asynchronous method (bank transfer, convenience store): paid later or failed later.
          if (pi && !['paid', 'fulfilled'].includes(order.status)) await setCheckoutIntent(scope, order.id, pi, session.id);
          await recordOrderEvent(scope, { orderId: order.id, type: 'payment_processing', actor: STRIPE, details });
        }
        break;
      case 'checkout.session.async_payment_succeeded':
        await markPaid(scope, order, session, event.id, fees);
        break;
      case 'checkout.session.async_payment_failed':
        // The order stays pending: the customer can try again or pay another way.
        await recordOrderEvent(scope, { orderId: order.id, type: 'payment_failed', actor: STRIPE, details });
        break;
      case 'checkout.session.expired': {
        // A card order is paid only through its Checkout Session: when its current session expires
        // unpaid, the order expires too and its stock is released. A session that was replaced by a
        // newer one, or any non-card order, only gets a note.
        const current = !order.stripe_checkout_session_id || order.stripe_checkout_session_id === session.id;
        if (order.payment_method === 'card' && order.status === 'pending' && current) {
          await transitionOrder(scope, {
            orderId: order.id,
            to: 'expired',
            actor: STRIPE,
            details: { ...details, reason: 'checkout_expired' },
          });
        } else {
          await recordOrderEvent(scope, { orderId: order.id, type: 'checkout_expired', actor: STRIPE, details });
        }
        break;
      }
    }
    return processed();
  });
}

/**
 * The payment itself is recordCardPayment's, with the fees Stripe actually took when it could say them
 * (fee_details of the charge's balance transaction; the platform fee is the one charged, whatever
 * PLATFORM_FEE_PERCENT says now). Otherwise the payment is recorded alone and a charge event posts the fees.
 */
async function markPaid(
  scope: ShopScope,
  order: OrderRow,
  session: Stripe.Checkout.Session,
  eventId: string,
  lookup: FeeLookup | null,
): Promise<void> {
  const found = lookup?.kind === 'found' ? lookup.charge : null;
  const outcome = await recordCardPaymentInScope(scope, {
    shopId: scope.shopId,
    orderId: order.id,
    checkoutSessionId: session.id,
    paymentIntentId: intentId(session.payment_intent),
    amount: session.amount_total,
    currency: session.currency,
    fees: found?.fees ?? null,
    eventId,
  });
  // Paid before by an event that could not get the fees (completed while Stripe was unreachable, then
  // async_payment_succeeded), or money taken for an order closed meanwhile or of another amount (kept for a
  // refund): Stripe took its fees either way, as the charge events would post them. Not for another payment of a paid order.
  if (found && outcome !== 'paid' && outcome !== 'duplicate_payment')
    await postCardFees(scope, { orderId: order.id, orderCode: order.code, fees: found.fees, chargeId: found.chargeId });
  if (lookup && lookup.kind !== 'found')
    await recordOrderEvent(scope, {
      orderId: order.id,
      type: 'card_fees_pending',
      actor: STRIPE,
      details: { event: eventId, reason: lookup.kind === 'pending' ? 'balance_transaction_pending' : lookup.reason },
    });
}

/** The charge's order, when the charge is an Etalase order's payment (not another payment of it, nor another currency). */
async function chargeOrder(
  scope: ShopScope,
  charge: Stripe.Charge,
): Promise<{ kind: 'none' } | { kind: 'foreign' } | { kind: 'order'; order: OrderRow }> {
  const found = await orderFromMetadata(scope, charge.metadata);
  if (found.kind === 'foreign') return found;
  const pi = intentId(charge.payment_intent);
  const order = found.kind === 'order' ? found.order : pi ? await loadOrder(scope, { paymentIntent: pi }) : undefined;
  if (!order) return { kind: 'none' };
  return { kind: 'order', order };
}

/** Whether this charge's fees are still to be posted: its order's payment, succeeded, in Rupiah, not posted yet. */
function feesDue(order: OrderRow, charge: Stripe.Charge): boolean {
  const pi = intentId(charge.payment_intent);
  if (charge.status !== 'succeeded' || charge.currency !== 'idr' || order.payment_method !== 'card') return false;
  return !order.stripe_payment_intent_id || !pi || order.stripe_payment_intent_id === pi;
}

/** Read before a charge event's transaction: the fees to post with it, or null when none are due or Stripe cannot say. */
async function pendingChargeFees(shopId: string, account: string | undefined, charge: Stripe.Charge): Promise<FeeLookup | null> {
  if (!account || !charge.balance_transaction) return null;
  const due = await inShop(shopId, async (scope) => {
    const found = await chargeOrder(scope, charge);
    return found.kind === 'order' && feesDue(found.order, charge) && !(await cardFeesPosted(scope, found.order.id));
  });
  return due ? lookupChargeFees(account, charge) : null;
}

/**
 * charge.succeeded / charge.updated: Stripe sets the charge's balance_transaction when the payment settles
 * (at once for cards, later for asynchronous methods) and says so with charge.updated. Posts the fees once,
 * whatever the order's status: Stripe took them from the shop's balance either way (a payment recorded for
 * a refund keeps its fees too). Stripe unreachable: 502, nothing written, Stripe redelivers.
 */
async function onChargeFees(shopId: string, event: Stripe.ChargeSucceededEvent | Stripe.ChargeUpdatedEvent): Promise<WebhookOutcome> {
  const charge = event.data.object;
  const lookup = await pendingChargeFees(shopId, event.account, charge);
  if (lookup?.kind === 'unavailable') throw new StripeUnavailable();
  return inShop(shopId, async (scope) => {
    const found = await chargeOrder(scope, charge);
    if (found.kind === 'foreign') return ignored('account_order_mismatch', event, true);
    if (found.kind === 'none') return ignored('not_an_etalase_charge', event);
    if (!(await claim(scope, event))) return duplicate();
    if (lookup?.kind === 'found' && feesDue(found.order, charge))
      await postCardFees(scope, { orderId: found.order.id, orderCode: found.order.code, fees: lookup.charge.fees, chargeId: charge.id });
    return processed();
  });
}

/**
 * charge.refunded carries the cumulative refunded amount. Records a `refunded` order event with the newly
 * refunded Rupiah; an older event arriving late (smaller cumulative amount) changes nothing. A fully
 * refunded order that is paid or confirmed is cancelled (stock released); a fulfilled order stays
 * fulfilled (goods went out; the refund is for the books); a pending one stays pending until its payment
 * event arrives, which then pays and cancels it.
 */
async function onChargeRefunded(shopId: string, event: Stripe.ChargeRefundedEvent, fees: FeeLookup | null): Promise<WebhookOutcome> {
  const charge = event.data.object;
  return inShop(shopId, async (scope) => {
    let order: OrderRow | undefined;
    const found = await orderFromMetadata(scope, charge.metadata);
    if (found.kind === 'foreign') return ignored('account_order_mismatch', event, true);
    if (found.kind === 'order') order = found.order;
    else {
      const pi = intentId(charge.payment_intent);
      order = pi ? await loadOrder(scope, { paymentIntent: pi }) : undefined;
    }
    if (!order) return ignored('not_an_etalase_charge', event);
    if (charge.currency !== 'idr') return ignored('currency', event, true);
    if (!(await claim(scope, event))) return duplicate();
    // A payment whose fees were not known yet: the refunded charge still names its balance transaction.
    if (fees?.kind === 'found' && feesDue(order, charge))
      await postCardFees(scope, { orderId: order.id, orderCode: order.code, fees: fees.charge.fees, chargeId: charge.id });
    const total = fromStripeAmount(charge.amount_refunded);
    const delta = total - order.stripe_refunded_amount;
    if (delta > 0) {
      await scope.tx
        .updateTable('orders')
        .set({ stripe_refunded_amount: total, updated_at: nowIso() })
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', order.id)
        .execute();
      await recordOrderEvent(scope, {
        orderId: order.id,
        type: 'refunded',
        actor: STRIPE,
        details: { amount: delta, refunded_total: total, charge: charge.id, event: event.id },
      });
      await postOrderRefund(scope, { orderId: order.id, amount: delta, key: `stripe:${event.id}:refund`, status: order.status });
    }
    const full = charge.refunded === true || total >= order.total;
    if (full && (order.status === 'paid' || order.status === 'confirmed')) {
      await transitionOrder(scope, {
        orderId: order.id,
        to: 'cancelled',
        actor: STRIPE,
        details: { reason: 'refunded', charge: charge.id, event: event.id },
      });
    }
    return processed();
  });
}

/** A dispute (chargeback) is shown on the order; its status does not change (the shop answers at Stripe). */
async function onDisputeCreated(shopId: string, event: Stripe.ChargeDisputeCreatedEvent): Promise<WebhookOutcome> {
  const dispute = event.data.object;
  return inShop(shopId, async (scope) => {
    const pi = intentId(dispute.payment_intent);
    const order = pi ? await loadOrder(scope, { paymentIntent: pi }) : undefined;
    if (!order) return ignored('not_an_etalase_charge', event);
    if (!(await claim(scope, event))) return duplicate();
    await scope.tx
      .updateTable('orders')
      .set({ stripe_disputed: 1, updated_at: nowIso() })
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', order.id)
      .execute();
    await recordOrderEvent(scope, {
      orderId: order.id,
      type: 'disputed',
      actor: STRIPE,
      details: {
        dispute: dispute.id,
        reason: dispute.reason,
        event: event.id,
        amount: dispute.currency === 'idr' ? fromStripeAmount(dispute.amount) : null,
      },
    });
    return processed();
  });
}
