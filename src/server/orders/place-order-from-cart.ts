import { Invalid } from '../errors.ts';
import type { Locale } from '#i18n/index.ts';
import type { CheckoutInput } from './schemas.ts';
import { cartTokenHash, getCart } from './get-cart.ts';
import { createOrder, type PlacedOrder } from './create-order.ts';

/**
 * The checkout form's order: the items are the cart's content right now (never the form's), the cart is
 * emptied in the same transaction, and the buyer must have seen what they order: when items dropped out
 * of the cart since the summary was shown, nothing is placed and the summary is shown again.
 */
export async function placeOrderFromCart(opts: {
  shopId: string;
  locale: Locale;
  cartToken: string | null;
  clientIp: string | null;
  input: CheckoutInput;
}): Promise<PlacedOrder> {
  const cart = await getCart({ shopId: opts.shopId, token: opts.cartToken });
  if (cart.removed > 0) throw new Invalid({}, 'cart.someRemoved');
  return createOrder({
    shopId: opts.shopId,
    locale: opts.locale,
    cartTokenHash: cartTokenHash(opts.cartToken),
    clientIp: opts.clientIp,
    input: { ...opts.input, items: cart.lines.map((l) => ({ productId: l.productId, variantId: l.variantId, quantity: l.quantity })) },
  });
}
