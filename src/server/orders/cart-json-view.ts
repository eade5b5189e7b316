import { formatRupiah, translator, type Locale } from '#i18n/index.ts';
import type { CartView } from './get-cart.ts';

/** The cart as the cart and add-to-cart islands read it after a fetch (counts, money and the "added" note written out). */
export function cartJsonView(cart: CartView, locale: Locale, added: { name: string } | null = null) {
  const t = translator(locale);
  return {
    addedText: added ? t('buyer.added', { name: added.name }) : null,
    count: cart.count,
    countText: t('cart.count', { count: cart.count }),
    subtotal: cart.subtotal,
    subtotalText: formatRupiah(cart.subtotal),
    lines: cart.lines.map((l) => ({ key: l.key, quantity: l.quantity, lineTotalText: formatRupiah(l.lineTotal) })),
  };
}
