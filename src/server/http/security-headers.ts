import { createHash } from 'node:crypto';
import { config } from '../config.ts';

/**
 * Security headers on every response, and a Content-Security-Policy built from the page's own bytes.
 *
 * Inline scripts, `<style>` elements and `style` attributes are allowed by their SHA-256 hashes, never by
 * 'unsafe-inline' and never by nonces: a public page is cached and served byte-for-byte to every visitor
 * (src/server/storefront/page-cache.ts), so its policy must be a function of its bytes alone. The cache keeps
 * the header with the bytes. Brand colours, fonts and blurred placeholders differ per shop and product, so
 * the hashes are computed per page rather than listed once.
 */

// Where forms may lead: this site, and the places a form answers a redirect to (Stripe Checkout and
// Connect onboarding for card payments; WhatsApp for an order sent by message).
const FORM_TARGETS = ["'self'", 'https://checkout.stripe.com', 'https://connect.stripe.com', 'https://wa.me', 'https://api.whatsapp.com'];

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

// Our own rendered HTML: user text in it is escaped, so a `<script`/`<style` or a `style="` attribute opener is
// markup we wrote. Each pattern is linear: lazy bodies stop at the first closing tag, attribute values at the quote.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
const STYLE_ATTR = /\sstyle=(?:"([^"]*)"|'([^']*)')/gi;
const NOT_JS = /\b(?:src\s*=|type\s*=\s*["']?application\/(?:ld\+)?json)/i;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#x27': "'", '#34': '"' };
/** A style attribute is hashed as the browser sees it, after character references are decoded. */
function decodeAttr(v: string): string {
  return v.replace(/&(amp|quot|apos|lt|gt|#39|#x27|#34);/gi, (_, n: string) => ENTITIES[n.toLowerCase()] ?? '');
}

export interface InlineHashes {
  scripts: string[];
  styles: string[];
  styleAttrs: string[];
}

export function inlineHashes(html: string): InlineHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const styleAttrs = new Set<string>();
  for (const m of html.matchAll(SCRIPT)) if (!NOT_JS.test(m[1] ?? '') && m[2]) scripts.add(sha256(m[2]));
  for (const m of html.matchAll(STYLE)) styles.add(sha256(m[1] ?? ''));
  for (const m of html.matchAll(STYLE_ATTR)) styleAttrs.add(sha256(decodeAttr(m[1] ?? m[2] ?? '')));
  return { scripts: [...scripts], styles: [...styles], styleAttrs: [...styleAttrs] };
}

export function contentSecurityPolicy(h: InlineHashes = { scripts: [], styles: [], styleAttrs: [] }): string {
  const style = ["'self'", ...h.styles, ...(h.styleAttrs.length ? ["'unsafe-hashes'", ...h.styleAttrs] : [])];
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...h.scripts].join(' ')}`,
    `style-src ${style.join(' ')}`,
    // data: for the blurred placeholders and the studio's previews, blob: for its exports.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The offline worker (/sw.js) and the dashboard's web manifest are this site's own files.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    `form-action ${FORM_TARGETS.join(' ')}`,
  ].join('; ');
}

const isHtml = (r: Response) => /^text\/html\b/i.test(r.headers.get('content-type') ?? '');

/**
 * The policy for a freshly rendered response, set before it is cached or compressed: an HTML page is read
 * once to hash its inline code (and answered with the same bytes); anything else gets the policy without hashes.
 */
export async function withContentSecurityPolicy(response: Response): Promise<Response> {
  if (response.headers.has('content-security-policy')) return response;
  if (!isHtml(response) || !response.body || response.headers.has('content-encoding')) {
    return withHeader(response, contentSecurityPolicy());
  }
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', contentSecurityPolicy(inlineHashes(html)));
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}

function withHeader(response: Response, policy: string): Response {
  try {
    response.headers.set('content-security-policy', policy);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect Response): copy.
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', policy);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/** The headers every response carries, cached or not. */
export function securityHeaders(response: Response): Response {
  const h = response.headers;
  // A refused body is never read to its end: close the connection instead of draining it for keep-alive.
  if (response.status === 413) h.set('connection', 'close');
  h.set('x-content-type-options', 'nosniff');
  // Pages holding a secret in their URL set SECRET_LINK_REFERRER themselves (keepLinkSecret).
  if (!h.has('referrer-policy')) h.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (!h.has('x-frame-options')) h.set('x-frame-options', 'DENY');
  if (!h.has('content-security-policy')) h.set('content-security-policy', contentSecurityPolicy());
  if (config().publicUrl.startsWith('https://')) h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return response;
}

/**
 * For a page whose URL holds a secret (reset, invitation, survey, the customer's order page): no Referer leaves
 * for another site. Not `no-referrer`: with it Chromium sends `Origin: null` on the page's own form posts, which
 * the origin check refuses, so the form could never be sent.
 */
export const SECRET_LINK_REFERRER = 'same-origin';
export function keepLinkSecret(headers: Headers): void {
  headers.set('referrer-policy', SECRET_LINK_REFERRER);
}
