import Stripe from 'stripe';
import type { ShopScope } from '#server/tenant/index.ts';
import { ACCOUNTS } from '#server/ledger/chart-template.ts';
import { postEntry } from '#server/ledger/post-entry.ts';
import { fromStripeAmount } from './amount.ts';
import { stripe } from './client.ts';
import type { CardPaymentFees } from './record-card-payment.ts';

/**
 * What a card payment actually cost the shop, read from Stripe: the charge's balance transaction on the
 * shop's connected account (a direct charge) lists every fee taken in `fee_details`. The platform's share
 * is the `application_fee` Stripe actually took, which is what the Checkout Session was created with, not
 * what PLATFORM_FEE_PERCENT says today.
 */
export interface ChargeFees {
  chargeId: string;
  balanceTransactionId: string;
  fees: CardPaymentFees;
}

/**
 * found: the fees are known. pending: the charge has no balance transaction yet (an asynchronous method,
 * or Stripe has not settled it); `charge.updated` brings it later. unavailable: Stripe did not answer or
 * does not know the object; the fees are posted when a later charge event carries them.
 */
export type FeeLookup = { kind: 'found'; charge: ChargeFees } | { kind: 'pending' } | { kind: 'unavailable'; reason: string };

/**
 * fee_details → whole Rupiah. The total is rounded once (so the bank ends at exactly the total minus
 * Stripe's rounded fee sum, as Stripe's `net`), and the application fee is the platform's; everything
 * else (stripe_fee, tax on Stripe's fee, pass-through fees) is Stripe's.
 */
export function feesFromBalanceTransaction(bt: Pick<Stripe.BalanceTransaction, 'currency' | 'fee_details'>): CardPaymentFees | null {
  if (bt.currency !== 'idr') return null;
  let all = 0;
  let platform = 0;
  for (const d of bt.fee_details) {
    if (d.currency !== 'idr' || !Number.isSafeInteger(d.amount) || d.amount < 0) return null;
    all += d.amount;
    if (d.type === 'application_fee') platform += d.amount;
  }
  const total = fromStripeAmount(all);
  const platformRp = Math.min(fromStripeAmount(platform), total);
  return { stripe: total - platformRp, platform: platformRp };
}

function chargeFees(chargeId: string, bt: Stripe.BalanceTransaction): FeeLookup {
  const fees = feesFromBalanceTransaction(bt);
  if (!fees) return { kind: 'unavailable', reason: `balance transaction ${bt.id} is not in Rupiah` };
  return { kind: 'found', charge: { chargeId, balanceTransactionId: bt.id, fees } };
}

/**
 * Inside a webhook delivery, which Stripe abandons and redelivers when the answer is slow: fewer and shorter
 * tries than the client's defaults, so an unreachable Stripe still leaves time to record the payment and answer.
 */
const LOOKUP_OPTIONS = { timeout: 10_000, maxNetworkRetries: 1 };

function failure(what: string, err: unknown): FeeLookup {
  if (err instanceof Stripe.errors.StripeError) {
    console.warn(`[stripe] ${what} failed: ${err.type}${err.code ? ` ${err.code}` : ''} (${err.statusCode ?? 'no response'})`);
    return { kind: 'unavailable', reason: err.code ?? err.rawType ?? err.type };
  }
  throw err;
}

/**
 * The fees of a PaymentIntent's latest charge, in one call. Outbound: never call it inside a shop transaction.
 */
export async function lookupPaymentFees(account: string, paymentIntentId: string): Promise<FeeLookup> {
  let pi: Stripe.PaymentIntent;
  try {
    pi = await stripe().paymentIntents.retrieve(
      paymentIntentId,
      { expand: ['latest_charge.balance_transaction'] },
      { stripeAccount: account, ...LOOKUP_OPTIONS },
    );
  } catch (err) {
    return failure(`paymentIntents.retrieve ${paymentIntentId}`, err);
  }
  const charge = pi.latest_charge;
  if (!charge || typeof charge === 'string') return { kind: 'pending' };
  const bt = charge.balance_transaction;
  if (!bt) return { kind: 'pending' };
  if (typeof bt === 'string') return lookupBalanceTransaction(account, charge.id, bt);
  return chargeFees(charge.id, bt);
}

/** The fees of a charge whose event names its balance transaction (charge.updated, charge.succeeded, charge.refunded). */
export async function lookupChargeFees(account: string, charge: Pick<Stripe.Charge, 'id' | 'balance_transaction'>): Promise<FeeLookup> {
  const bt = charge.balance_transaction;
  if (!bt) return { kind: 'pending' };
  if (typeof bt !== 'string') return chargeFees(charge.id, bt);
  return lookupBalanceTransaction(account, charge.id, bt);
}

async function lookupBalanceTransaction(account: string, chargeId: string, id: string): Promise<FeeLookup> {
  try {
    return chargeFees(chargeId, await stripe().balanceTransactions.retrieve(id, {}, { stripeAccount: account, ...LOOKUP_OPTIONS }));
  } catch (err) {
    return failure(`balanceTransactions.retrieve ${id}`, err);
  }
}

/** The one key of an order's card fees: the payment path and every charge event post them once between them. */
export const cardFeesKey = (orderId: string) => `order:${orderId}:card-fees`;

export async function cardFeesPosted(scope: ShopScope, orderId: string): Promise<boolean> {
  const r = await scope.tx
    .selectFrom('journal_entries')
    .select('id')
    .where('shop_id', '=', scope.shopId)
    .where('idem_key', '=', cardFeesKey(orderId))
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Beban Pembayaran against Bank, once per order (the idempotency key; also with two processes at once).
 * Stripe keeps both fees when a payment is refunded (unless the platform refunds its application fee, which
 * Etalase never does), so a refund does not reverse this entry.
 */
export async function postCardFees(
  scope: ShopScope,
  opts: { orderId: string; orderCode: string; fees: CardPaymentFees; chargeId?: string | null },
): Promise<boolean> {
  const { stripe: s, platform: p } = opts.fees;
  if (!Number.isSafeInteger(s) || !Number.isSafeInteger(p) || s < 0 || p < 0)
    throw new RangeError('card fees must be whole, non-negative Rupiah');
  const fees = s + p;
  if (fees === 0) return false;
  const r = await postEntry(scope, {
    key: cardFeesKey(opts.orderId),
    source: { type: 'order', id: opts.orderId },
    memo: `${opts.orderCode} biaya kartu (Stripe Rp ${s}, platform Rp ${p}${opts.chargeId ? `, ${opts.chargeId}` : ''})`,
    lines: [
      { account: ACCOUNTS.paymentFees, amount: fees },
      { account: ACCOUNTS.bank, amount: -fees },
    ],
  });
  return r.posted;
}
