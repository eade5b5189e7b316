import type { Locale } from '#i18n/index.ts';

/**
 * `target` (a same-site path, maybe with a query and a fragment) in the visitor's language: `lang=en` is
 * carried along when the page is English, so a customer who opened the shop with `?lang=en` stays in English
 * through the cart, checkout and order page even without the language cookie. Indonesian (the default) needs
 * no parameter. It depends on the locale only, so the page cache (one copy per locale) may hold it.
 */
export function withLocale(target: string, locale: Locale): string {
  if (locale === 'id') return target;
  const hashAt = target.indexOf('#');
  const path = hashAt < 0 ? target : target.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : target.slice(hashAt);
  const q = path.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
  params.set('lang', locale);
  return `${q < 0 ? path : path.slice(0, q)}?${params.toString()}${hash}`;
}
