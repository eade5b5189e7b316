import { formatRupiah, translator, type Locale } from '#i18n/index.ts';
import { stockState } from './published-products.ts';

/** A price or a price range ("Rp 21.000 – Rp 99.000"), as every page writes it. */
export function priceText(min: number, max: number): string {
  return min === max ? formatRupiah(min) : `${formatRupiah(min)} – ${formatRupiah(max)}`;
}

/** The merchant's stock line: text and a state for styling, from the same thresholds as the storefront. */
export function stockText(locale: Locale, stock: number | null): { text: string; state: 'ok' | 'low' | 'out' } {
  const t = translator(locale);
  const s = stockState(stock);
  if (stock === null) return { text: t('catalog.unlimited'), state: 'ok' };
  return { text: s.kind === 'out' ? t('catalog.soldOut') : t('catalog.stockCount', { n: stock }), state: s.kind };
}
