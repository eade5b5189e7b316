import type { AstroCookies } from 'astro';
import { normalizeOrderCode, TOKEN_PATTERN } from './order-code.ts';
import { customerCookieOptions } from './cart-cookies.ts';

/**
 * The orders placed from this device, per shop (`ro_<shopId>`, httpOnly): order codes with their status-link
 * tokens only, newest first, so "Pesanan saya" can list them without an account. Nothing personal is in it;
 * the token is the same secret the status link already carries.
 */
export const RECENT_ORDERS_MAX = 10;

export interface OrderRef {
  code: string;
  token: string;
}

export function recentOrdersCookieName(shopId: string): string {
  return `ro_${shopId}`;
}

export function readRecentOrders(cookies: AstroCookies, shopId: string): OrderRef[] {
  const raw = cookies.get(recentOrdersCookieName(shopId))?.value ?? '';
  const refs: OrderRef[] = [];
  for (const part of raw.split(' ')) {
    const [c = '', token = ''] = part.split(':');
    const code = normalizeOrderCode(c);
    if (code && TOKEN_PATTERN.test(token) && !refs.some((r) => r.code === code)) refs.push({ code, token });
  }
  return refs.slice(0, RECENT_ORDERS_MAX);
}

export function writeRecentOrders(cookies: AstroCookies, shopId: string, refs: OrderRef[]): void {
  const name = recentOrdersCookieName(shopId);
  if (!refs.length) {
    cookies.delete(name, { path: '/' });
    return;
  }
  const value = refs
    .slice(0, RECENT_ORDERS_MAX)
    .map((r) => `${r.code}:${r.token}`)
    .join(' ');
  cookies.set(name, value, { ...customerCookieOptions(), httpOnly: true });
}

/** Put an order first in the list (a repeat moves it up); the oldest falls off past RECENT_ORDERS_MAX. */
export function rememberOrder(cookies: AstroCookies, shopId: string, ref: OrderRef): void {
  const code = normalizeOrderCode(ref.code);
  if (!code || !TOKEN_PATTERN.test(ref.token)) return;
  const rest = readRecentOrders(cookies, shopId).filter((r) => r.code !== code);
  writeRecentOrders(cookies, shopId, [{ code, token: ref.token }, ...rest]);
}
