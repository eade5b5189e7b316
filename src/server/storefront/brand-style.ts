import type { PublishedBrand } from '../branding/get-published-brand.ts';
import { config } from '../config.ts';

/**
 * Public pages wear the shop's published brand. The brand kit is data (written by the brand studio), so
 * every value that reaches CSS or a link is checked against a strict shape here; anything else falls back
 * to the default theme. The CSS text is then safe to place in a <style> element.
 */
export const DEFAULT_THEME = { primary: '#fffdf9', onPrimary: '#2b2118', accent: '#9a3f16', onAccent: '#ffffff' } as const;

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const FAMILY = /^[A-Za-z0-9][A-Za-z0-9 -]{0,59}$/;
/** Same-origin path or https URL, characters that need no CSS or HTML escaping. */
const URL_SAFE = /^(?:\/(?!\/)|https:\/\/[A-Za-z0-9.-]+(?::\d+)?\/)[A-Za-z0-9._~/%-]*$/;

export function safeColor(c: unknown, fallback: string): string {
  return typeof c === 'string' && COLOR.test(c) ? c : fallback;
}

export function safeUrl(u: unknown): string | null {
  if (typeof u !== 'string' || u.length >= 500) return null;
  if (URL_SAFE.test(u)) return u;
  // Our own absolute URLs (the brand kit's share image is built with absoluteUrl, http in development).
  const origin = config().publicUrl;
  return u.startsWith(`${origin}/`) && URL_SAFE.test(u.slice(origin.length)) ? u : null;
}

function luminance(hex: string): number {
  const h =
    hex.length === 4
      ? hex
          .slice(1)
          .split('')
          .map((c) => c + c)
          .join('')
      : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rgb/#rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The page background (shop.css --bg); links must stay readable on it whatever the brand's accent is. */
const PAGE_BG = '#faf7f2';
const INK = '#231c15';

export interface ShopTheme {
  css: string;
  themeColor: string;
  accent: string;
  /** woff2 files the page loads (each counts toward the page-weight budget). */
  fontUrls: string[];
  logoUrl: string | null;
  favicon: { png32: string; apple180: string } | null;
  shareImage: string | null;
}

/**
 * Web fonts only (the brand kit's Latin-subset WOFF, or WOFF2): one heading and one body family at most,
 * `font-display: swap` so text shows at once in the fallback font on a slow connection. Other formats
 * (a TTF is 5–10x bigger) are ignored on public pages.
 */
function fontFace(
  role: 'heading' | 'body',
  f: { family: string; url: string } | null,
): { css: string; url: string; family: string } | null {
  if (!f || !FAMILY.test(f.family)) return null;
  const url = safeUrl(f.url);
  const ext = url ? /\.(woff2?)$/i.exec(url)?.[1]?.toLowerCase() : undefined;
  if (!url || !ext) return null;
  const name = `${f.family} ${role}`;
  // The heading file is the one weight the brand chose: claim every weight so bold headings use it as is
  // instead of a synthesised bold on top of it.
  const weight = role === 'heading' ? ';font-weight:100 900' : '';
  return { css: `@font-face{font-family:"${name}";src:url(${url}) format("${ext}");font-display:swap${weight}}`, url, family: name };
}

export function shopTheme(brand: PublishedBrand | null): ShopTheme {
  const c = brand?.colors;
  const primary = safeColor(c?.primary, DEFAULT_THEME.primary);
  const onPrimary = c ? safeColor(c.onPrimary, '#ffffff') : DEFAULT_THEME.onPrimary;
  const accent = safeColor(c?.accent, DEFAULT_THEME.accent);
  const onAccent = c ? safeColor(c.onAccent, '#ffffff') : DEFAULT_THEME.onAccent;
  const heading = fontFace('heading', brand?.fonts.heading ?? null);
  const body = fontFace('body', brand?.fonts.body ?? null);
  const sys = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
  // The brand's text colours are chosen for its own backgrounds; as link text on our page background the
  // accent (or else the primary) must reach 4.5:1 too, otherwise links are ink.
  const link = contrast(accent, PAGE_BG) >= 4.5 ? accent : contrast(primary, PAGE_BG) >= 4.5 ? primary : INK;
  let css = `:root{--primary:${primary};--on-primary:${onPrimary};--accent:${accent};--on-accent:${onAccent};--link:${link}`;
  if (heading) css += `;--font-heading:"${heading.family}",${sys}`;
  if (body) css += `;--font-body:"${body.family}",${sys}`;
  css += '}';
  css = [heading?.css, body?.css].filter(Boolean).join('') + css;
  const logo = safeUrl(brand?.logo?.url128) ?? safeUrl(brand?.logo?.url512);
  const png32 = safeUrl(brand?.favicon?.png32);
  const apple180 = safeUrl(brand?.favicon?.apple180);
  return {
    css,
    themeColor: primary,
    accent,
    fontUrls: [heading?.url, body?.url].filter((u): u is string => !!u),
    logoUrl: logo,
    favicon: png32 && apple180 ? { png32, apple180 } : null,
    shareImage: safeUrl(brand?.ogImageUrl),
  };
}

/** Up to two initials for the default badge: "HK05 Telur Asin Bakar" -> "HT". */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((w) => [...w][0]!.toUpperCase())
      .join('') || '?'
  );
}

const faviconMemo = new Map<string, string>();

/**
 * The default favicon: the initials badge as a 32 px PNG data: URI (no extra request). Not SVG: Chromium
 * builds a whole SVG document on the page's main thread for an SVG icon, a PNG is decoded elsewhere.
 * Rendered once per initials and colour, then remembered.
 */
export async function initialsFavicon(name: string, accent: string = DEFAULT_THEME.accent): Promise<string> {
  const txt = initials(name)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .slice(0, 2);
  const color = safeColor(accent, DEFAULT_THEME.accent);
  const key = `${txt}|${color}`;
  const hit = faviconMemo.get(key);
  if (hit) return hit;
  const esc = txt.replace(/[&<>"]/g, '');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${color}"/>` +
    `<text x="32" y="43" font-family="DejaVu Sans, Arial, sans-serif" font-size="${esc.length > 1 ? 27 : 34}" font-weight="700" fill="#fff" text-anchor="middle">${esc}</text></svg>`;
  const { default: sharp } = await import('sharp');
  const png = await sharp(Buffer.from(svg)).png({ palette: true, colours: 16, compressionLevel: 9 }).toBuffer();
  const uri = `data:image/png;base64,${png.toString('base64')}`;
  if (faviconMemo.size > 5000) faviconMemo.clear();
  faviconMemo.set(key, uri);
  return uri;
}
