import type { AstroCookies } from 'astro';
import { isLocale, type Locale } from '#i18n/index.ts';

export const LOCALE_COOKIE = 'lang';

/** Bahasa Indonesia unless the visitor chose English (remembered in a cookie for a year). */
export function requestLocale(cookies: AstroCookies, url: URL): Locale {
  const q = url.searchParams.get('lang');
  if (isLocale(q)) return q;
  const c = cookies.get(LOCALE_COOKIE)?.value;
  return isLocale(c) ? c : 'id';
}
