/**
 * Shop slugs share the top-level URL space with the app's own routes, so none may equal one.
 * tests/unit/slug.test.ts checks this list against src/pages so a new top-level route cannot be forgotten.
 */
export const RESERVED_SLUGS = new Set([
  'api',
  'dashboard',
  'desa',
  'kecamatan',
  'q',
  'p',
  'masuk',
  'daftar',
  'keluar',
  'signin',
  'signup',
  'signout',
  'login',
  'logout',
  'register',
  'reset',
  'lupa-sandi',
  'undangan',
  'invite',
  'akun',
  'account',
  'program',
  'admin',
  'bahasa',
  'lang',
  'sitemap.xml',
  'robots.txt',
  'favicon.ico',
  'favicon.svg',
  'assets',
  '_astro',
  'media',
  'fonts',
  'static',
  'public',
  'order',
  'orders',
  'pesanan',
  'cart',
  'keranjang',
  'checkout',
  'bayar',
  'stripe',
  'webhook',
  'help',
  'bantuan',
  'about',
  'tentang',
  'survei',
  'privacy',
  'privasi',
  'terms',
  'syarat',
  'search',
  'cari',
  'shop',
  'toko',
  'www',
  'health',
  'healthz',
  'status',
  'new',
  'baru',
  'brand',
  'merek',
  '403',
  '404',
  '413',
  '500',
  '503',
  'feed',
  'feeds',
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A shop address made from its name that the pattern and the reserved words allow (uniqueness is the caller's). */
export function slugFromName(name: string): string {
  const base = slugify(name);
  if (SLUG_PATTERN.test(base) && !RESERVED_SLUGS.has(base)) return base;
  // A name of signs only, or a reserved word: "toko-…" (never the reserved "toko" itself).
  return base ? slugify(`toko-${base}`) : 'toko-baru';
}
