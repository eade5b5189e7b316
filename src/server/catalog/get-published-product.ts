import { NotFound } from '../errors.ts';
import { inShop } from '../tenant/index.ts';
import { loadPublishedProducts, type PublicProduct } from './published-products.ts';

export const PRODUCT_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** One published product of the shop by slug; a draft, unknown or another shop's product is NotFound. */
export async function getPublishedProduct(opts: { shopId: string; slug: string }): Promise<PublicProduct> {
  if (!PRODUCT_SLUG.test(opts.slug)) throw new NotFound();
  const [product] = await inShop(opts.shopId, ({ tx, shopId }) => loadPublishedProducts(tx, [shopId], { slug: opts.slug }));
  if (!product) throw new NotFound();
  return product;
}
