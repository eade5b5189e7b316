/**
 * The only query parameters a catalog page reads, normalised. The middleware's cache key and the page
 * render both come from this one function, so two URLs that share a cache entry always render the same
 * bytes (junk parameters, case and spacing in a search cannot make a second copy).
 */
import { safeNext } from '../http/redirect.ts';

export const MAX_SEARCH_CHARS = 60;
// eslint-disable-next-line no-control-regex -- control characters are what a search drops
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

export interface CatalogParams {
  /** Category slug (`?kategori=telur-asin`), or null. */
  kategori: string | null;
  /** Search words, lowercased, single-spaced, at most MAX_SEARCH_CHARS, or null. */
  q: string | null;
  /** Canonical query string for these params ("" or "?kategori=…&q=…"). */
  search: string;
  /** The product just added to the cart without JavaScript (`?ditambah=<productId>`), or null. */
  ditambah: string | null;
  /** `search` plus `ditambah`: what the cached copy of the page depends on (never the canonical URL). */
  cacheSearch: string;
}

export const ADDED_PARAM = 'ditambah';
export const ADDED_ID = /^[a-z0-9_-]{1,64}$/;

export function catalogParams(url: URL): CatalogParams {
  const rawK = url.searchParams.get('kategori');
  const kategori = rawK && /^[a-z0-9-]{1,60}$/.test(rawK) ? rawK : null;
  const rawQ = url.searchParams.get('q') ?? '';
  // Control characters out, whitespace collapsed, NFC, lowercased (the search is case-insensitive anyway).
  const q =
    rawQ.replace(CONTROL_CHARS, ' ').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_SEARCH_CHARS).trim() || null;
  const p = new URLSearchParams();
  if (kategori) p.set('kategori', kategori);
  if (q) p.set('q', q);
  const s = p.toString();
  const rawAdded = url.searchParams.get(ADDED_PARAM);
  const ditambah = rawAdded && ADDED_ID.test(rawAdded) ? rawAdded : null;
  if (ditambah) p.set(ADDED_PARAM, ditambah);
  const c = p.toString();
  return { kategori, q, search: s ? `?${s}` : '', ditambah, cacheSearch: c ? `?${c}` : '' };
}

/**
 * Where an add from a catalog or product page goes back to: the same page with `ditambah=<productId>` (the
 * page then says what was added, and the cached copy for it is the same for everyone) at the product's
 * anchor, so the buyer is where they were. Anything that is not a plain site path is left for safeNext.
 */
export function addedReturnTo(returnTo: string | undefined, productId: string): string | undefined {
  const safe = safeNext(returnTo, '');
  if (!safe || !ADDED_ID.test(productId)) return returnTo;
  const url = new URL(safe, 'http://x');
  if (url.origin !== 'http://x' || url.pathname.startsWith('//')) return returnTo;
  if (url.pathname.endsWith('/keranjang') || url.pathname.endsWith('/checkout')) return returnTo;
  url.searchParams.set(ADDED_PARAM, productId);
  url.hash = `p-${productId}`;
  return url.pathname + url.search + url.hash;
}
