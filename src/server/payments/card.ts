import type { ShopScope } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';

/**
 * Card payment seam between orders and the Stripe integration (src/server/payments/stripe/).
 * Card is offered only when the platform has Stripe keys and the shop's connected account can take
 * charges; otherwise the option does not appear and a card order is refused.
 */
export async function cardPaymentAvailable(_scope: ShopScope): Promise<boolean> {
  return false;
}

/** Create the Checkout Session for a just-placed card order; returns the URL to send the customer to. */
export async function startCardPayment(_scope: ShopScope, _opts: { orderId: string }): Promise<{ checkoutUrl: string }> {
  throw new Invalid({ payment: ['payment.cardUnavailable'] }, 'payment.cardUnavailable');
}
