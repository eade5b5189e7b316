import { formatRupiah, translator, type Locale } from '#i18n/index.ts';
import type { CartView } from './get-cart.ts';

/** The cart as the cart island reads it after a fetch (counts and money already written out). */
export function cartJsonView(cart: CartView, locale: Locale) {
  const t = translator(locale);
  return {
    count: cart.count,
    countText: t('cart.count', { count: cart.count }),
    subtotal: cart.subtotal,
    subtotalText: formatRupiah(cart.subtotal),
    lines: cart.lines.map((l) => ({ key: l.key, quantity: l.quantity, lineTotalText: formatRupiah(l.lineTotal) })),
  };
}
