import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { checkoutInput } from './schemas.ts';
import { placeOrderFromCart } from './place-order-from-cart.ts';
import type { PlacedOrder } from './create-order.ts';

/** What pickup does not need: a form sent without JavaScript still carries these fields, and they are ignored. */
export const PICKUP_IGNORES = ['destination', 'address'] as const;

/**
 * The checkout page's form (works without JavaScript): fields the chosen delivery does not need are
 * dropped, every field error is reported at once (Invalid with one entry per field), then the cart is ordered.
 */
export async function placeOrderFromCheckoutForm(opts: {
  shopId: string;
  locale: Locale;
  cartToken: string | null;
  clientIp: string | null;
  values: Record<string, unknown>;
}): Promise<PlacedOrder> {
  const values = { ...opts.values };
  if (values.delivery === 'pickup') for (const k of PICKUP_IGNORES) delete values[k];
  const input = parseInput(checkoutInput, values, opts.locale);
  return placeOrderFromCart({ shopId: opts.shopId, locale: opts.locale, cartToken: opts.cartToken, clientIp: opts.clientIp, input });
}
