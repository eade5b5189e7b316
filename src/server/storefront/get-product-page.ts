import { getPublishedProduct } from '#server/catalog/get-published-product.ts';
import { getPublishedBrand } from '#server/branding/get-published-brand.ts';

/** A published product's page: the product (NotFound when it is not published) and the shop's published brand. */
export async function getProductPage(opts: { shopId: string; slug: string }) {
  const product = await getPublishedProduct(opts);
  const brand = await getPublishedBrand(opts.shopId);
  return { product, brand };
}
