import { describe, expect, it } from 'vitest';
import { pageRoutes } from '../helpers/routes.ts';
import { DASHBOARD_PAGES, shopTabPages } from '#server/http/dashboard-pages.ts';
import { PAGE_CAPABILITIES } from '#server/auth/access.ts';
import { routeDeclaration } from '#server/http/guard-request.ts';
import { dashboardTabs } from '#server/shops/get-dashboard-nav.ts';
import { allKeys } from '#i18n/index.ts';
import { PHOTOS_FORM_BYTES } from '#server/http/body-limits.ts';
import { RATE_LIMITS } from '#server/http/rate-limits.ts';

/** DASHBOARD_PAGES is the one declaration of the dashboard: the page guard, the tab bar and the request guard read it. */
describe('dashboard pages', () => {
  it('declares exactly the page files under /dashboard/[shop] and /program', () => {
    expect(Object.keys(DASHBOARD_PAGES).sort()).toEqual([...pageRoutes('dashboard/[shop]'), ...pageRoutes('program')].sort());
  });

  it('gives the page guard its capabilities and the request guard its limits', () => {
    for (const [pattern, page] of Object.entries(DASHBOARD_PAGES)) expect(PAGE_CAPABILITIES[pattern], pattern).toBe(page.capability);
    expect(routeDeclaration('POST', '/dashboard/[shop]/produk/[id]').maxBytes).toBe(PHOTOS_FORM_BYTES);
    expect(routeDeclaration('POST', '/dashboard/[shop]/pembayaran').rateLimit).toBe(RATE_LIMITS.paymentSettings);
    expect(routeDeclaration('POST', '/dashboard/[shop]/staf')).toEqual({ api: false });
  });

  it('labels every tab in both languages, and a tab links to a page that needs no parameter but the shop', () => {
    for (const [pattern, page] of shopTabPages()) {
      expect(pattern.replace('[shop]', ''), pattern).not.toMatch(/\[/);
      for (const locale of ['id', 'en'] as const) expect(allKeys(locale), `${page.tab} (${locale})`).toContain(page.tab);
    }
  });

  it('shows each role the tabs it may open, in the declared order', () => {
    expect(dashboardTabs('hk05', 'owner').map((tab) => tab.href)).toEqual([
      '/dashboard/hk05',
      '/dashboard/hk05/produk',
      '/dashboard/hk05/stok',
      '/dashboard/hk05/jual',
      '/dashboard/hk05/pesanan',
      '/dashboard/hk05/impor',
      '/dashboard/hk05/pengaturan',
      '/dashboard/hk05/pembayaran',
      '/dashboard/hk05/laporan',
      '/dashboard/hk05/kas',
      '/dashboard/hk05/jurnal',
      '/dashboard/hk05/piutang',
      '/dashboard/hk05/staf',
      '/dashboard/hk05/audit',
      '/dashboard/hk05/brand',
    ]);
    const staff = dashboardTabs('hk05', 'staff');
    expect(staff.map((tab) => tab.href)).toEqual([
      '/dashboard/hk05',
      '/dashboard/hk05/produk',
      '/dashboard/hk05/stok',
      '/dashboard/hk05/jual',
      '/dashboard/hk05/pesanan',
      '/dashboard/hk05/impor',
      '/dashboard/hk05/laporan',
      '/dashboard/hk05/piutang',
      '/dashboard/hk05/brand',
    ]);
    expect(staff.filter((tab) => tab.badge === 'pendingOrders').map((tab) => tab.href)).toEqual(['/dashboard/hk05/pesanan']);
    // The phone's bottom bar: three daily pages, then "Lainnya".
    expect(staff.filter((tab) => tab.daily).map((tab) => tab.label)).toEqual(['dashboard.overview', 'catalog.tab', 'dashboard.orders']);
  });
});
