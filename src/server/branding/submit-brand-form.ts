import type { ShopRole } from '../db/schema.ts';
import type { Locale } from '#i18n/index.ts';
import { Invalid } from '../errors.ts';
import { formToObject } from '../http/validate.ts';
import { createDesign } from './create-design.ts';
import { updateBrandKit } from './update-brand-kit.ts';
import { designInputFromForm, kitInputFromForm } from './brand-forms.ts';

/**
 * The brand page's forms without JavaScript: `create` (a new design) or `kit` (save, and publish when asked;
 * updateBrandKit checks the role). Answers the query string the page redirects to.
 */
export async function submitBrandForm(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  form: FormData;
  locale: Locale;
  ip?: string;
}): Promise<string> {
  const { shopId, userId, role, locale, ip } = opts;
  const form = formToObject(opts.form);
  if (form.action === 'create') {
    const design = await createDesign({ shopId, userId, input: designInputFromForm(form, locale), locale, ip });
    return `?design=${design.id}`;
  }
  if (form.action === 'kit') {
    return `?ok=${await updateBrandKit({ shopId, userId, role, input: kitInputFromForm(form, locale), publish: form.publish === '1', ip })}`;
  }
  throw new Invalid({ action: ['validation.choice'] });
}
