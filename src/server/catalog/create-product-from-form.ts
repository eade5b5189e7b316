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
 * `post.values` receives what was typed before any error, for the page to show again. A product with a
 * price and a photo goes straight into the catalog unless "simpan sebagai draf" is ticked; one without
 * stays a draft until it has both (a catalog card without a photo sells badly).
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
    const parsed = parseInput(productInput, input, opts.locale);
    const ready = parsed.price > 0 && files.length > 0 && values.keepDraft !== '1';
    return await createProduct({
      shopId: opts.shopId,
      userId: opts.userId,
      role: opts.role,
      input: { ...parsed, status: ready ? 'published' : 'draft' },
      photos: files,
      ip: opts.ip,
    });
  } catch (e) {
    throw onFormRows(e, rows);
  }
}
