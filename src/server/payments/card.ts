import type { ShopScope } from '../tenant/index.ts';
import { cardAvailableIn, createCheckoutInScope, startCardCheckout, type CardCheckoutOpts } from './stripe/create-checkout-session.ts';

/**
 * Card payment seam between orders and the Stripe integration (src/server/payments/stripe/).
 * Card is offered only when the platform has Stripe keys (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)
 * and the shop's connected account can take charges and the shop accepts card; otherwise the option
 * does not appear and a card order is refused.
 */
export async function cardPaymentAvailable(scope: ShopScope): Promise<boolean> {
  return cardAvailableIn(scope);
}

/**
 * Create the Checkout Session for a just-placed card order (a direct charge on the shop's connected
 * account); returns the URL to send the customer to. Pass `statusUrl` (the order's status page with its
 * token): Stripe returns the customer there with `?bayar=selesai` or `?bayar=batal`. The order is paid
 * by the webhook, never by the return.
 *
 * Runs in the caller's transaction and calls Stripe from inside it: call it after the order is written,
 * or better use startCardPaymentAfterCommit once the order transaction has committed.
 */
export async function startCardPayment(scope: ShopScope, opts: CardCheckoutOpts): Promise<{ checkoutUrl: string }> {
  const { checkoutUrl } = await createCheckoutInScope(scope, opts);
  return { checkoutUrl };
}

/** Same as startCardPayment, with no transaction open during the Stripe call (the order must be committed). */
export async function startCardPaymentAfterCommit(opts: CardCheckoutOpts & { shopId: string }): Promise<{ checkoutUrl: string }> {
  const { checkoutUrl } = await startCardCheckout(opts);
  return { checkoutUrl };
}
