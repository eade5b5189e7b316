import { getPublishedBrand } from '../branding/get-published-brand.ts';
import { getCustomerOrder } from './get-customer-order.ts';

/** The customer's order page: the order (code + token, else 404) and the shop's published brand for its header. */
export async function getCustomerOrderPage(opts: { shopId: string; code: string; token: string }) {
  const order = await getCustomerOrder(opts);
  const brand = await getPublishedBrand(opts.shopId);
  return { order, brand };
}
