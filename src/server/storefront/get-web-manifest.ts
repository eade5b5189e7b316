import { getPublishedBrand } from '#server/branding/get-published-brand.ts';
import { shopTheme } from './brand-style.ts';

export interface WebManifest {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: 'standalone';
  background_color: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** Etalase's own icon when the shop has published no brand kit (or one without a logo). */
const FALLBACK_ICONS = [
  { src: '/icons/etalase-192.png', sizes: '192x192', type: 'image/png' },
  { src: '/icons/etalase-512.png', sizes: '512x512', type: 'image/png' },
];

/**
 * The web manifest that makes a shop's dashboard installable (its own icon on the phone's home screen,
 * opening on the dashboard without the browser's bar): name and colours from the shop's published brand,
 * icons from its logo and favicon, Etalase's icon otherwise. Public: a browser fetches it without cookies.
 */
export async function getWebManifest(opts: { shopId: string; slug: string; name: string; locale: string }): Promise<WebManifest> {
  const brand = await getPublishedBrand(opts.shopId);
  const theme = shopTheme(brand);
  const icons: WebManifest['icons'] = [];
  if (theme.favicon) icons.push({ src: theme.favicon.apple180, sizes: '180x180', type: 'image/png' });
  if (brand?.logo?.url512) icons.push({ src: brand.logo.url512, sizes: '512x512', type: 'image/png', purpose: 'any' });
  const start = `/dashboard/${opts.slug}`;
  return {
    name: opts.name,
    short_name: opts.name.length > 12 ? opts.name.slice(0, 12).trim() : opts.name,
    lang: opts.locale,
    start_url: start,
    // The start URL must lie inside the scope (Chromium ignores the scope otherwise); the worker keeps the home as
    // `/dashboard/{slug}`, so the scope is that path itself rather than a folder with a trailing slash.
    scope: start,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: theme.themeColor,
    icons: icons.some((i) => i.sizes === '512x512') ? icons : [...icons, ...FALLBACK_ICONS],
  };
}
