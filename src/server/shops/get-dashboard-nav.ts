import { roleHas } from '../auth/access.ts';
import { shopTabPages } from '../http/dashboard-pages.ts';
import { pendingOrders } from '../orders/pending-orders.ts';
import type { ShopRole } from '../db/schema.ts';

export interface DashboardTab {
  href: string;
  label: string;
  badge?: 'pendingOrders';
  /** In the phone's bottom bar (see DashboardPage.daily). */
  daily?: true;
}
export interface DashboardNav {
  slug: string;
  /** The tabs this role may open, in the order of DASHBOARD_PAGES; `label` is a message key. */
  tabs: DashboardTab[];
  /** Orders waiting for the shop (count on the orders tab, newest for the notifier); null if the role may not see orders. */
  pending: Awaited<ReturnType<typeof pendingOrders>> | null;
}

/** The tabs of DASHBOARD_PAGES a role may open, with this shop's links. */
export function dashboardTabs(slug: string, role: ShopRole): DashboardTab[] {
  return shopTabPages()
    .filter(([, page]) => roleHas(role, page.capability))
    .map(([pattern, page]) => ({
      href: pattern.replace('[shop]', slug),
      label: page.tab!,
      ...(page.badge && { badge: page.badge }),
      ...(page.daily && { daily: page.daily }),
    }));
}

/** The shop dashboard's tab bar for one member: every dashboard page renders it. */
export async function getDashboardNav(opts: { shop: { id: string; slug: string }; role: ShopRole }): Promise<DashboardNav> {
  const { shop, role } = opts;
  const tabs = dashboardTabs(shop.slug, role);
  const pending = tabs.some((tab) => tab.badge === 'pendingOrders') ? await pendingOrders(shop.id) : null;
  return { slug: shop.slug, tabs, pending };
}
