import { inDirectoryShops } from '../tenant/directory.ts';
import { loadPublishedProducts, type PublicProduct } from './published-products.ts';

/** Published products of several shops (the village and district directory pages). */
export async function listDirectoryProducts(opts: { shopIds: string[] }): Promise<PublicProduct[]> {
  return inDirectoryShops(opts.shopIds, ({ tx, shopIds }) => loadPublishedProducts(tx, shopIds));
}
