import { Invalid } from '../errors.ts';
import type { ShopRole } from '../db/schema.ts';
import { roleHas } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { formToObject, parseInput } from '../http/validate.ts';
import { splitForm } from '../http/uploads.ts';
import { productInput } from './schemas.ts';
import { onFormRows, productFormToInput, type FormValues } from './product-form.ts';
import { updateProduct } from './update-product.ts';
import { deleteProduct } from './delete-product.ts';
import { addProductPhotos } from './add-product-photos.ts';
import { setProductPhotoAlt } from './set-product-photo-alt.ts';
import { moveProductPhoto } from './move-product-photo.ts';
import { deleteProductPhoto } from './delete-product-photo.ts';

export type ProductEditOutcome = 'saved' | 'photos' | 'alt' | 'moved' | 'photo-deleted' | 'deleted';

/** What the form sent, filled in before any error so the page re-renders the right section with the typed values. */
export interface ProductEditPost {
  action: string;
  values: FormValues | null;
}

/**
 * The product page's forms without JavaScript: the `action` button picks the use case (the same ones the
 * API routes call, each checking the role itself). Errors are thrown as the use cases throw them.
 */
export async function editProductFromForm(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  productId: string;
  form: FormData;
  locale: Locale;
  ip?: string;
  post: ProductEditPost;
}): Promise<ProductEditOutcome> {
  const { shopId, userId, role, productId, ip, post } = opts;
  const { form } = opts;
  const posted = formToObject(form);
  post.action = String(posted.action ?? '');
  const mediaId = String(posted.mediaId ?? '');
  switch (post.action) {
    case 'save': {
      post.values = posted;
      const { input, rows } = productFormToInput(posted, roleHas(role, 'products.cost'));
      try {
        await updateProduct({ shopId, userId, role, productId, input: parseInput(productInput, input, opts.locale), ip });
      } catch (e) {
        throw onFormRows(e, rows);
      }
      return 'saved';
    }
    case 'upload': {
      const { files, fields } = await splitForm(form, 'file');
      await addProductPhotos({ shopId, productId, userId, role, files, alt: fields.alt, ip });
      return 'photos';
    }
    case 'photo-alt':
      await setProductPhotoAlt({ shopId, role, productId, mediaId, alt: String(posted.alt ?? '') });
      return 'alt';
    case 'photo-up':
    case 'photo-down':
      await moveProductPhoto({ shopId, role, productId, mediaId, direction: post.action === 'photo-up' ? 'up' : 'down' });
      return 'moved';
    case 'photo-delete':
      await deleteProductPhoto({ shopId, userId, role, productId, mediaId, ip });
      return 'photo-deleted';
    case 'delete':
      await deleteProduct({ shopId, userId, role, productId, ip });
      return 'deleted';
    default:
      throw new Invalid({ action: ['validation.choice'] });
  }
}
