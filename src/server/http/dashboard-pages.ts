import type { Capability } from '../auth/access.ts';
import { IMPORT_FORM_BYTES, ONE_FILE_FORM_BYTES, PHOTOS_FORM_BYTES } from './body-limits.ts';
import { RATE_LIMITS } from './rate-limits.ts';
import type { PageRouteDef } from './page-routes.ts';

/**
 * Every signed-in dashboard page, keyed by Astro's route pattern: the shop dashboard under /dashboard/[shop]
 * and the program dashboard under /program. The page guard (PAGE_CAPABILITIES), the shop tab bar, the
 * request guard (PAGE_ROUTES) and README's access matrix all read this table, so a new area is one entry
 * here plus its page file (and its i18n strings).
 */
export interface DashboardPage extends PageRouteDef {
  capability: Capability;
  /** Message key of its tab in the shop dashboard's tab bar (tabs follow this table's order); none: no tab. */
  tab?: string;
  /** A count shown on the tab. */
  badge?: 'pendingOrders';
  /** A daily destination: on a phone it sits in the bottom bar, the other tabs behind "Lainnya". */
  daily?: true;
}

export const DASHBOARD_PAGES = {
  '/dashboard/[shop]': { capability: 'shop.view', tab: 'dashboard.overview', daily: true },
  '/dashboard/[shop]/produk': { capability: 'products.view', tab: 'catalog.tab', daily: true },
  '/dashboard/[shop]/produk/baru': { capability: 'products.edit', maxBytes: PHOTOS_FORM_BYTES },
  '/dashboard/[shop]/produk/[id]': { capability: 'products.edit', maxBytes: PHOTOS_FORM_BYTES },
  '/dashboard/[shop]/stok': { capability: 'products.edit', tab: 'books.stock.tab' },
  '/dashboard/[shop]/jual': { capability: 'orders.manage', tab: 'jual.tab' },
  '/dashboard/[shop]/pesanan': { capability: 'orders.manage', tab: 'dashboard.orders', badge: 'pendingOrders', daily: true },
  '/dashboard/[shop]/pesanan/[code]': { capability: 'orders.manage' },
  '/dashboard/[shop]/impor': { capability: 'orders.manage', tab: 'imports.tab', maxBytes: IMPORT_FORM_BYTES },
  '/dashboard/[shop]/pengaturan': { capability: 'shop.edit', tab: 'dashboard.settings' },
  '/dashboard/[shop]/pembayaran': {
    capability: 'payments.manage',
    tab: 'dashboard.payments',
    rateLimit: RATE_LIMITS.paymentSettings,
    maxBytes: ONE_FILE_FORM_BYTES,
  },
  '/dashboard/[shop]/pembayaran/stripe': { capability: 'payments.manage' },
  '/dashboard/[shop]/pembayaran/stripe/kembali': { capability: 'payments.manage' },
  '/dashboard/[shop]/laporan': { capability: 'orders.manage', tab: 'reports.tab' },
  '/dashboard/[shop]/kas': { capability: 'reports.profit', tab: 'reports.cash.tab', maxBytes: ONE_FILE_FORM_BYTES },
  '/dashboard/[shop]/saldo-awal': { capability: 'reports.profit' },
  '/dashboard/[shop]/jurnal': { capability: 'reports.profit', tab: 'books.journal.tab' },
  '/dashboard/[shop]/akun': { capability: 'reports.profit' },
  '/dashboard/[shop]/piutang': { capability: 'orders.manage', tab: 'reports.debts.tab' },
  '/dashboard/[shop]/staf': { capability: 'staff.manage', tab: 'dashboard.staff' },
  '/dashboard/[shop]/audit': { capability: 'audit.view', tab: 'dashboard.audit' },
  '/dashboard/[shop]/brand': { capability: 'brand.edit', tab: 'brand.tab' },
  '/dashboard/[shop]/pendampingan': { capability: 'shop.edit' },
  '/program': { capability: 'program.view' },
  '/program/toko': { capability: 'program.registry' },
  '/program/toko/[shopId]': { capability: 'program.registry' },
  '/program/indikator': { capability: 'program.view' },
  '/program/tugas': { capability: 'program.view' },
  '/program/pelatihan': { capability: 'program.view' },
  '/program/pelatihan/[training]': { capability: 'program.view' },
} as const satisfies Record<string, DashboardPage>;

/** The shop dashboard's tabs in order, as route patterns with their declarations. */
export function shopTabPages(): [pattern: string, page: DashboardPage][] {
  return (Object.entries(DASHBOARD_PAGES) as [string, DashboardPage][]).filter(
    ([pattern, page]) => page.tab && pattern.startsWith('/dashboard/[shop]'),
  );
}
