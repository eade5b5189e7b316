import type { APIRoute } from 'astro';
import { isLocale } from '../i18n/index.ts';
import { LOCALE_COOKIE } from '../server/http/locale.ts';
import { safeNext } from '../server/http/redirect.ts';

/** Language switch: remembered for a year in a cookie. */
export const GET: APIRoute = ({ url, cookies, redirect }) => {
  const lang = url.searchParams.get('lang');
  if (isLocale(lang)) {
    cookies.set(LOCALE_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
  }
  const next = safeNext(url.searchParams.get('next'), '/')
    .replace(/([?&])lang=(id|en)&?/, '$1')
    .replace(/[?&]$/, '');
  return redirect(next || '/', 303);
};
