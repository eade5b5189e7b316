import type { ShopRole } from '../db/schema.ts';
import { roleHas } from '../auth/access.ts';
import { getProduct, type MerchantProduct } from './get-product.ts';
import { listCategories } from './list-categories.ts';
import { productToFormValues, type FormValues } from './product-form.ts';

/** What the product edit page shows: the product, its values for the form, the shop's categories. */
export async function getProductEditor(opts: { shopId: string; role: ShopRole; productId: string }): Promise<{
  product: MerchantProduct;
  values: FormValues;
  categories: string[];
  canSeeCost: boolean;
}> {
  const product = await getProduct(opts);
  const canSeeCost = roleHas(opts.role, 'products.cost');
  return { product, values: productToFormValues(product, canSeeCost), categories: await listCategories(opts.shopId), canSeeCost };
}
