import { dialect } from '#server/db/index.ts';
import { inShop, type ShopScope } from '#server/tenant/index.ts';
import { canTransition } from '#server/orders/lifecycle.ts';
import { recordOrderEvent, transitionOrder, type OrderActor } from '#server/orders/transition-order.ts';
import { postCardFees } from './card-fees.ts';
import { nowIso } from '#server/util.ts';
import { fromStripeAmount, toStripeAmount } from './amount.ts';

/** What the card payment cost the shop, in whole Rupiah: Stripe's processing fee and the platform's application fee. */
export interface CardPaymentFees {
  stripe: number;
  platform: number;
}

export interface RecordCardPaymentOptions {
  shopId: string;
  orderId: string;
  checkoutSessionId: string;
  paymentIntentId: string | null;
  /** What Stripe charged, in its minor units (IDR ×100), and the currency; null when Stripe did not say. */
  amount: number | null;
  currency: string | null;
  /** null: not known yet (Stripe has no balance transaction for the charge yet); a charge event posts them later. */
  fees: CardPaymentFees | null;
  /** The source event (the webhook event id): names the order events and the fee entry's key. */
  eventId: string;
}

/**
 * paid: the order is paid now. already_paid: this payment was recorded before (a redelivery in another event).
 * duplicate_payment / after_close: money arrived for an order already paid by another payment, or closed
 * meanwhile; recorded on the order for the shop to refund. mismatch: the amount or currency is not the order's.
 */
export type CardPaymentOutcome = 'paid' | 'already_paid' | 'duplicate_payment' | 'after_close' | 'mismatch';

const STRIPE: OrderActor = { kind: 'stripe' };

/** A card payment that succeeded (Stripe Checkout), in its own shop transaction. */
export async function recordCardPayment(opts: RecordCardPaymentOptions): Promise<CardPaymentOutcome> {
  return inShop(opts.shopId, (scope) => recordCardPaymentInScope(scope, opts));
}

/**
 * The same inside the caller's shop transaction (the webhook's, which also claims the event id there).
 *
 * A successful payment confirms and pays at once (pending → paid). Re-reads the order: already paid by
 * this payment is a no-op; paid by another payment, or closed (cancelled/expired) meanwhile, is recorded
 * for the shop to refund, never silently dropped. An amount or currency that is not the order's is not
 * accepted as payment. The fees, when known, are posted with the payment (Beban Pembayaran against Bank,
 * card-fees.ts), so the bank holds what Stripe pays out: the total net of Stripe's and the platform's fees.
 */
export async function recordCardPaymentInScope(scope: ShopScope, opts: RecordCardPaymentOptions): Promise<CardPaymentOutcome> {
  if (scope.shopId !== opts.shopId) throw new Error('recordCardPayment: scope of another shop');
  let q = scope.tx
    .selectFrom('orders')
    .select(['id', 'code', 'status', 'total', 'stripe_payment_intent_id', 'stripe_refunded_amount'])
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', opts.orderId);
  // Two events for one order at once (completed and async_payment_succeeded) wait for each other here.
  if (dialect() === 'postgres') q = q.forUpdate();
  const order = await q.executeTakeFirstOrThrow();
  const total = Number(order.total);
  const pi = opts.paymentIntentId;
  const details = { session: opts.checkoutSessionId, payment_intent: pi, event: opts.eventId };
  const event = (type: string, extra: Record<string, unknown>) =>
    recordOrderEvent(scope, { orderId: order.id, type, actor: STRIPE, details: { ...details, ...extra } });

  if (opts.currency !== 'idr' || opts.amount !== toStripeAmount(total)) {
    await event('payment_mismatch', { currency: opts.currency, amount: opts.amount === null ? null : fromStripeAmount(opts.amount) });
    return 'mismatch';
  }
  if (order.status === 'paid' || order.status === 'fulfilled') {
    if (pi && order.stripe_payment_intent_id && pi !== order.stripe_payment_intent_id) {
      await event('payment_duplicate', { amount: total });
      return 'duplicate_payment';
    }
    return 'already_paid';
  }
  if (!canTransition(order.status, 'paid')) {
    await event('payment_after_close', { amount: total });
    if (pi && !order.stripe_payment_intent_id) await setCheckoutIntent(scope, order.id, pi, opts.checkoutSessionId);
    return 'after_close';
  }
  if (pi) await setCheckoutIntent(scope, order.id, pi, opts.checkoutSessionId);
  await transitionOrder(scope, {
    orderId: order.id,
    to: 'paid',
    actor: STRIPE,
    details: {
      ...details,
      method: 'card',
      amount: total,
      stripe_fee: opts.fees?.stripe ?? null,
      platform_fee: opts.fees?.platform ?? null,
    },
  });
  if (opts.fees) await postCardFees(scope, { orderId: order.id, orderCode: order.code, fees: opts.fees });
  // A full refund that arrived before the payment event (out of order) cancels it now.
  if (Number(order.stripe_refunded_amount) >= total && total > 0) {
    await transitionOrder(scope, {
      orderId: order.id,
      to: 'cancelled',
      actor: STRIPE,
      details: { reason: 'refunded', event: opts.eventId },
    });
  }
  return 'paid';
}

/** Remembers the payment intent of the order's Checkout Session (also before it is paid: an asynchronous method). */
export async function setCheckoutIntent(scope: ShopScope, orderId: string, pi: string, sessionId: string): Promise<void> {
  await scope.tx
    .updateTable('orders')
    .set({ stripe_payment_intent_id: pi, stripe_checkout_session_id: sessionId, updated_at: nowIso() })
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', orderId)
    .execute();
}
