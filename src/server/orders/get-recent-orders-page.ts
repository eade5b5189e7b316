import { getPublishedBrand } from '../branding/get-published-brand.ts';
import { listRecentOrders } from './list-recent-orders.ts';
import type { OrderRef } from './recent-orders-cookie.ts';

/** "Pesanan saya": the orders this device placed (from its cookie) and the shop's published brand. */
export async function getRecentOrdersPage(opts: { shopId: string; shopSlug: string; refs: OrderRef[] }) {
  const orders = await listRecentOrders(opts);
  const brand = await getPublishedBrand(opts.shopId);
  return { orders, brand };
}
