import type { ShopRole } from '../db/schema.ts';
import type { Locale } from '#i18n/index.ts';
import { formToObject, parseInput } from '../http/validate.ts';
import { updatePaymentSettings } from './update-payment-settings.ts';
import { paymentSettingsInput } from './schemas.ts';

/**
 * The payment settings form without JavaScript (fields, QRIS file, password) into updatePaymentSettings.
 * `post.values` receives what was sent before any error, for the page to show again.
 */
export async function updatePaymentSettingsFromForm(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  form: FormData;
  locale: Locale;
  ip?: string;
  post: { values: Record<string, unknown> | null };
}): Promise<'saved' | 'same'> {
  const { form } = opts;
  const posted = (opts.post.values = formToObject(form));
  const input = parseInput(paymentSettingsInput, posted, opts.locale);
  const file = form.get('qris');
  const qris = file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : null;
  const { changed } = await updatePaymentSettings({ shopId: opts.shopId, userId: opts.userId, role: opts.role, input, qris, ip: opts.ip });
  return changed.length ? 'saved' : 'same';
}
