import type { AstroCookies } from 'astro';
import { config } from '../config.ts';

/**
 * The cart lives on the server, keyed by a random token in an httpOnly cookie per shop (`ct_<shopId>`;
 * only its SHA-256 is stored). Storefront pages are cached and the same for everyone, so the item count
 * travels in a second, readable cookie (`cc_<shopId>`) that their tiny header script shows.
 */
export const CART_COOKIE_DAYS = 30;

export function cartCookieName(shopId: string): string {
  return `ct_${shopId}`;
}

export function cartCountCookieName(shopId: string): string {
  return `cc_${shopId}`;
}

export function readCartToken(cookies: AstroCookies, shopId: string): string | null {
  return cookies.get(cartCookieName(shopId))?.value ?? null;
}

/** The cookie attributes every customer cookie of a shop shares (cart, cart count, recent orders). */
export function customerCookieOptions() {
  return {
    sameSite: 'lax' as const,
    path: '/',
    maxAge: CART_COOKIE_DAYS * 24 * 60 * 60,
    secure: config().production || config().publicUrl.startsWith('https:'),
  };
}

export function writeCartCookies(cookies: AstroCookies, shopId: string, token: string | null, count: number): void {
  if (token) cookies.set(cartCookieName(shopId), token, { ...customerCookieOptions(), httpOnly: true });
  cookies.set(cartCountCookieName(shopId), String(count), { ...customerCookieOptions(), httpOnly: false });
}
