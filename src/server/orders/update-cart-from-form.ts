import type { Locale } from '#i18n/index.ts';
import { formToObject, parseInput } from '../http/validate.ts';
import { cartInput, updateCart } from './update-cart.ts';
import { addedReturnTo } from '../storefront/catalog-query.ts';

/** The cart page's forms (add, set, remove; works without JavaScript): validated with the cart schema, then updateCart. */
export async function updateCartFromForm(opts: { shopId: string; token: string | null | undefined; form: FormData; locale: Locale }) {
  const input = parseInput(cartInput, formToObject(opts.form), opts.locale);
  const res = await updateCart({ shopId: opts.shopId, token: opts.token, input });
  const added =
    input.action === 'add'
      ? (res.cart.lines.find((l) => l.productId === input.productId && l.variantId === input.variantId) ?? null)
      : null;
  return {
    ...res,
    added: added && { name: added.variantName ? `${added.name} (${added.variantName})` : added.name },
    returnTo: added ? addedReturnTo(input.returnTo, input.productId) : input.returnTo,
  };
}
