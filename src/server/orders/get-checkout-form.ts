import { newToken } from '../util.ts';
import { getCart } from './get-cart.ts';
import { checkoutOptions } from './checkout-options.ts';
import { OTHER_DESTINATION, destinationGroups, findDestination } from './destinations.ts';
import { getPublishedBrand } from '../branding/get-published-brand.ts';

/**
 * What the checkout page shows: the cart, the shop's delivery and payment options with the choice the
 * form had (or the first), the delivery fee of that choice, destinations by province, and the idempotency
 * key the form carries (the one it was posted with, so a re-shown form still places one order), and the
 * shop's published brand (checkout keeps the shop's look).
 */
export async function getCheckoutForm(opts: { shopId: string; cartToken: string | null; values: Record<string, unknown> }) {
  const v = (k: string) => String(opts.values[k] ?? '');
  const [cart, options] = [await getCart({ shopId: opts.shopId, token: opts.cartToken }), await checkoutOptions(opts.shopId)];
  const delivery = options.delivery.find((d) => d.method === v('delivery'))?.method ?? options.delivery[0]!.method;
  return {
    cart,
    brand: await getPublishedBrand(opts.shopId),
    options,
    delivery,
    payment: options.payment.find((p) => p === v('payment')) ?? options.payment[0]!,
    fee: options.delivery.find((d) => d.method === delivery)?.fee ?? 0,
    idempotencyKey: v('idempotencyKey') || newToken(),
    destinations: { groups: destinationGroups(), other: findDestination(OTHER_DESTINATION)! },
  };
}
