import type { ShopRole } from '../db/schema.ts';
import { roleHas } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { formToObject, parseInput } from '../http/validate.ts';
import { splitForm } from '../http/uploads.ts';
import { productInput } from './schemas.ts';
import { onFormRows, productFormToInput, type FormValues } from './product-form.ts';
import { createProduct } from './create-product.ts';
import type { MerchantProduct } from './get-product.ts';

/**
 * The new-product form without JavaScript (fields plus first photos) into createProduct, the API's use case.
 * `post.values` receives what was typed before any error, for the page to show again.
 */
export async function createProductFromForm(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  form: FormData;
  locale: Locale;
  ip?: string;
  post: { values: FormValues };
}): Promise<MerchantProduct> {
  const { form } = opts;
  const values = (opts.post.values = formToObject(form));
  const { files } = await splitForm(form, 'file');
  const { input, rows } = productFormToInput(values, roleHas(opts.role, 'products.cost'));
  try {
    return await createProduct({
      shopId: opts.shopId,
      userId: opts.userId,
      role: opts.role,
      input: parseInput(productInput, input, opts.locale),
      photos: files,
      ip: opts.ip,
    });
  } catch (e) {
    throw onFormRows(e, rows);
  }
}
