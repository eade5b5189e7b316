import { getPublishedBrand } from '../branding/get-published-brand.ts';
import { getCart } from './get-cart.ts';

/** The cart page: this device's cart and the shop's published brand (the cart keeps the shop's look). */
export async function getCartPage(opts: { shopId: string; token: string | null | undefined }) {
  const cart = await getCart(opts);
  const brand = await getPublishedBrand(opts.shopId);
  return { cart, brand };
}
