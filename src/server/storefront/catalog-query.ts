/**
 * The only query parameters a catalog page reads, normalised. The middleware's cache key and the page
 * render both come from this one function, so two URLs that share a cache entry always render the same
 * bytes (junk parameters, case and spacing in a search cannot make a second copy).
 */
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
}

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
  return { kategori, q, search: s ? `?${s}` : '' };
}
