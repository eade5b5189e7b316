import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { RESERVED_SLUGS, SLUG_PATTERN } from '../shops/slug.ts';
import { directoryVersion, shopVersionBySlug } from '../tenant/cross-shop.ts';
import { onShopVersionCommitted } from '../tenant/index.ts';
import { catalogParams } from './catalog-query.ts';

/**
 * In-memory cache of rendered public pages (catalog, product, feeds, village/district directory,
 * sitemap), checked in src/middleware.ts before anything else runs: a hit costs one indexed version lookup
 * (or none within the memo window) and a Map read — no session, no rendering, no compression.
 *
 * Key = scope (shop id, or "dir" for pages that span shops) + that scope's version from the database +
 * locale + normalised path and query. Every catalog, profile or brand change bumps `shops.version` in the
 * database, so a change made through any app server makes every server's copy unreachable on its next
 * version read. Cached bytes hold nothing specific to a visitor: public pages render with
 * `personal={false}` (no session read) and a response that sets a cookie is never stored.
 */

export interface CachePlan {
  scope: 'shop' | 'directory';
  /** Shop slug when scope is 'shop'. */
  slug: string;
  /** Normalised path (no trailing slash) plus canonical query. */
  path: string;
  /** Whether the page text depends on the visitor's language. */
  localized: boolean;
  /** Searches and category filters: kept in a smaller cache so a flood of random queries cannot evict the catalog. */
  bounded: boolean;
}

const SHOP_PAGE = /^\/([a-z0-9-]{3,40})\/?$/;
const PRODUCT_PAGE = /^\/([a-z0-9-]{3,40})\/p\/([a-z0-9][a-z0-9-]{0,99})\/?$/;
const FEED = /^\/([a-z0-9-]{3,40})\/feed\/(meta\.csv|google\.xml)$/;
const DIRECTORY = /^\/(desa|kecamatan)\/([a-z0-9-]{1,60})\/?$/;

function shopSlug(s: string): boolean {
  return SLUG_PATTERN.test(s) && !RESERVED_SLUGS.has(s);
}

/** Which public page this GET is, or null when it is not a cacheable one. */
export function cachePlan(url: URL): CachePlan | null {
  const p = url.pathname;
  let m = SHOP_PAGE.exec(p);
  if (m && shopSlug(m[1]!)) {
    const { cacheSearch } = catalogParams(url);
    return { scope: 'shop', slug: m[1]!, path: `/${m[1]}${cacheSearch}`, localized: true, bounded: cacheSearch !== '' };
  }
  if ((m = PRODUCT_PAGE.exec(p)) && shopSlug(m[1]!)) {
    // The product page reads only `ditambah` (the "added to cart" note after a form post without JavaScript).
    const { ditambah } = catalogParams(url);
    const added = ditambah ? `?ditambah=${ditambah}` : '';
    return { scope: 'shop', slug: m[1]!, path: `/${m[1]}/p/${m[2]}${added}`, localized: true, bounded: added !== '' };
  }
  if ((m = FEED.exec(p)) && shopSlug(m[1]!)) {
    return { scope: 'shop', slug: m[1]!, path: p, localized: false, bounded: false };
  }
  if ((m = DIRECTORY.exec(p))) return { scope: 'directory', slug: '', path: `/${m[1]}/${m[2]}`, localized: true, bounded: false };
  if (p === '/sitemap.xml') return { scope: 'directory', slug: '', path: p, localized: false, bounded: false };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Version lookups, with an optional very short memo.

/**
 * How long this process may reuse a version it read (PAGE_CACHE_VERSION_TTL_MS, default 1000 ms, at most
 * 1000). Trade-off: within that window a hit needs no database round trip at all, and a change made on
 * another server shows up to that long later (one made by this process is forgotten at its commit). 0 reads
 * the version on every request.
 */
const TTL = (() => {
  const v = Number(process.env.PAGE_CACHE_VERSION_TTL_MS ?? 1000);
  return Number.isFinite(v) ? Math.max(0, Math.min(1000, v)) : 1000;
})();
const memo = new Map<string, { at: number; scopeId: string; version: string }>();
// A change committed by this process is visible on the next request here, not up to TTL later.
onShopVersionCommitted((shopId) => {
  memo.delete('dir');
  for (const [key, m] of memo) if (m.scopeId === shopId) memo.delete(key);
});

async function readVersion(plan: CachePlan): Promise<{ scopeId: string; version: string } | null> {
  const ttl = TTL;
  const memoKey = plan.scope === 'shop' ? `s:${plan.slug}` : 'dir';
  const now = Date.now();
  if (ttl > 0) {
    const m = memo.get(memoKey);
    if (m && now - m.at < ttl) return m;
  }
  let value: { scopeId: string; version: string } | null;
  if (plan.scope === 'shop') {
    const row = await shopVersionBySlug(plan.slug);
    value = row ? { scopeId: row.id, version: String(row.version) } : null;
  } else {
    value = { scopeId: 'dir', version: await directoryVersion() };
  }
  if (ttl > 0 && value) {
    if (memo.size > 10_000) memo.clear(); // only existing shops are remembered; this bounds it regardless
    memo.set(memoKey, { at: now, ...value });
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// The LRU.

export interface CachedPage {
  key: string;
  scopeId: string;
  version: string;
  etag: string;
  contentType: string;
  cacheControl: string;
  /** The page's Content-Security-Policy: it hashes the page's inline code, so it travels with the bytes. */
  csp: string | null;
  identity: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
  bytes: number;
}

/** Least-recently-used by insertion order of a Map, bounded by entries and by bytes. */
export class PageLru {
  private readonly map = new Map<string, CachedPage>();
  private total = 0;
  readonly maxBytes: number;
  readonly maxEntries: number;
  constructor(maxBytes: number, maxEntries: number) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }
  get size(): number {
    return this.map.size;
  }
  get bytes(): number {
    return this.total;
  }
  get(key: string): CachedPage | undefined {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }
  set(e: CachedPage): void {
    if (e.bytes > this.maxBytes) return;
    this.delete(e.key);
    this.map.set(e.key, e);
    this.total += e.bytes;
    while (this.total > this.maxBytes || this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value as string;
      this.delete(oldest);
    }
  }
  delete(key: string): void {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.total -= e.bytes;
    }
  }
  /** Drop a scope's entries of other versions (they can never be hit again). */
  dropStale(scopeId: string, version: string): void {
    for (const [k, e] of this.map) if (e.scopeId === scopeId && e.version !== version) this.delete(k);
  }
}

const MB = 1024 * 1024;
const budget = Math.max(1, Number(process.env.PAGE_CACHE_MB ?? 64) || 64) * MB;
const pages = new PageLru(Math.floor(budget * 0.85), 5000);
const searches = new PageLru(Math.floor(budget * 0.15), 500);
const inflight = new Map<string, Promise<CachedPage | null>>();
const scopeVersions = new Map<string, string>();

// ---------------------------------------------------------------------------------------------------
// HTTP details.

/**
 * `public, max-age=0, must-revalidate`: browsers and shared caches may keep the page but must ask every
 * time, and the ETag (which includes the language) decides. A language switch redirects to the same URL;
 * a page kept with max-age > 0 would be shown in the old language. `Vary: Cookie` would make shared caches
 * store one copy per visitor (every cart cookie differs) or skip caching, so instead the ETag carries the
 * locale: a cache holding the Indonesian copy revalidates, the server sees lang=en, the tags differ, and
 * the English page comes back (200) rather than a 304.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export type Encoding = 'br' | 'gzip' | null;

/** Accept-Encoding: brotli first, then gzip, honouring q=0. */
export function pickEncoding(header: string | null): Encoding {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q=([0-9.]+)\s*$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name.trim(), weight);
  }
  const accepts = (n: string) => (q.get(n) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** If-None-Match against our (weak) tag: weak comparison, lists and `*` allowed. */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s.replace(/^W\//, '') === bare;
  });
}

const gzipAsync = promisify(zlib.gzip);
const brotliAsync = promisify(zlib.brotliCompress);

export async function compressAll(
  data: Uint8Array,
  brQuality = 9,
): Promise<{ gzip: Uint8Array<ArrayBuffer>; br: Uint8Array<ArrayBuffer> }> {
  const [gz, br] = await Promise.all([
    gzipAsync(data, { level: 9 }),
    brotliAsync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: brQuality,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
      },
    }),
  ]);
  return { gzip: new Uint8Array(gz), br: new Uint8Array(br) };
}

function respond(e: CachedPage, request: Request, tag: 'HIT' | 'MISS'): Response {
  const headers = new Headers({
    etag: e.etag,
    'cache-control': e.cacheControl,
    vary: 'Accept-Encoding',
    'x-cache': tag,
  });
  if (e.csp) headers.set('content-security-policy', e.csp);
  if (etagMatches(request.headers.get('if-none-match'), e.etag)) return new Response(null, { status: 304, headers });
  const enc = pickEncoding(request.headers.get('accept-encoding'));
  const body = enc === 'br' ? e.br : enc === 'gzip' ? e.gzip : e.identity;
  headers.set('content-type', e.contentType);
  headers.set('content-length', String(body.byteLength));
  if (enc) headers.set('content-encoding', enc);
  return new Response(request.method === 'HEAD' ? null : once(body), { status: 200, headers });
}

/**
 * The stored bytes as a one-chunk stream. `new Response(bytes)` would copy them on every hit (a
 * BufferSource is copied by the fetch spec); the adapter only writes chunks out, never changes them.
 */
function once(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// The two halves the middleware calls.

export interface CacheSlot {
  key: string;
  scopeId: string;
  version: string;
  bounded: boolean;
  done: (e: CachedPage | null) => void;
}

/**
 * Before rendering: a Response (hit, or 304), a slot to fill after rendering (miss), or null when the
 * page is not cacheable (e.g. unknown shop: the 404 renders normally and is not stored).
 */
export async function lookupPage(plan: CachePlan, locale: string, request: Request): Promise<Response | CacheSlot | null> {
  const v = await readVersion(plan);
  if (!v) return null;
  const key = `${v.scopeId}|${v.version}|${plan.localized ? locale : '-'}|${plan.path}`;
  const lru = plan.bounded ? searches : pages;
  const hit = lru.get(key);
  if (hit) return respond(hit, request, 'HIT');
  const pending = inflight.get(key);
  if (pending) {
    // Another request is rendering this exact page: wait for its bytes instead of rendering again.
    const e = await pending;
    if (e) return respond(e, request, 'HIT');
  }
  let done!: (e: CachedPage | null) => void;
  inflight.set(
    key,
    new Promise<CachedPage | null>((r) => {
      done = r;
    }),
  );
  return {
    key,
    scopeId: v.scopeId,
    version: v.version,
    bounded: plan.bounded,
    done: (e) => {
      inflight.delete(key);
      done(e);
    },
  };
}

/** After rendering: store a plain 200 that sets no cookie and answer from the stored bytes; null when not stored. */
export async function storePage(slot: CacheSlot, response: Response, request: Request, setsCookie: boolean): Promise<Response | null> {
  try {
    const type = response.headers.get('content-type');
    if (response.status !== 200 || setsCookie || response.headers.has('set-cookie') || !type || response.headers.has('content-encoding')) {
      slot.done(null);
      return null;
    }
    const identity = new Uint8Array(await response.arrayBuffer());
    const { gzip, br } = await compressAll(identity);
    const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 16);
    const entry: CachedPage = {
      key: slot.key,
      scopeId: slot.scopeId,
      version: slot.version,
      etag: `W/"${slot.version}-${hash}"`,
      contentType: type,
      cacheControl: response.headers.get('cache-control') ?? PUBLIC_CACHE_CONTROL,
      csp: response.headers.get('content-security-policy'),
      identity,
      gzip,
      br,
      bytes: identity.byteLength + gzip.byteLength + br.byteLength + slot.key.length * 2 + 200,
    };
    if (scopeVersions.get(slot.scopeId) !== slot.version) {
      scopeVersions.set(slot.scopeId, slot.version);
      pages.dropStale(slot.scopeId, slot.version);
      searches.dropStale(slot.scopeId, slot.version);
    }
    (slot.bounded ? searches : pages).set(entry);
    slot.done(entry);
    return respond(entry, request, 'MISS');
  } catch (err) {
    slot.done(null);
    throw err;
  }
}

/** Responses that are not cached still travel compressed (dashboard pages, JSON, redirects' bodies). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|javascript|rss\+xml|ld\+json|manifest\+json)|image\/svg\+xml)/;
export async function compressResponse(response: Response, request: Request): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || response.status === 204 || response.status === 304 || request.method === 'HEAD') return response;
  if (!COMPRESSIBLE.test(type) || response.headers.has('content-encoding')) return response;
  const enc = pickEncoding(request.headers.get('accept-encoding'));
  if (!enc) return response;
  const data = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  const vary = headers.get('vary');
  headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  if (data.byteLength < 1024) return new Response(data, { status: response.status, statusText: response.statusText, headers });
  const body =
    enc === 'br'
      ? await brotliAsync(data, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength },
        })
      : await gzipAsync(data, { level: 6 });
  headers.set('content-encoding', enc);
  headers.set('content-length', String(body.byteLength));
  return new Response(new Uint8Array(body), { status: response.status, statusText: response.statusText, headers });
}
