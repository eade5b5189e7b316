import type { ShopRole } from '../db/schema.ts';
import { Invalid } from '../errors.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { transitionInput } from './schemas.ts';
import type { MerchantTarget } from './lifecycle.ts';
import { changeOrderStatus } from './change-order-status.ts';
import { regenerateStatusLink } from './regenerate-status-link.ts';

export type OrderFormOutcome =
  { moved: MerchantTarget; link: null } | { moved: null; link: { statusUrl: string; whatsappUrl: string | null } };

/**
 * The order page's forms without JavaScript: `transition` (validated with the API's schema, then the
 * API's use case) or `regenerate` (a new status link). The use cases check the role.
 */
export async function submitOrderForm(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  code: string;
  form: FormData;
  locale: Locale;
}): Promise<OrderFormOutcome> {
  const { shopId, userId, role, code } = opts;
  const { form } = opts;
  const action = String(form.get('action') ?? '');
  if (action === 'transition') {
    const input = parseInput(transitionInput, { to: String(form.get('to') ?? '') }, opts.locale);
    await changeOrderStatus({ shopId, code, to: input.to, userId, role });
    return { moved: input.to, link: null };
  }
  if (action === 'regenerate') return { moved: null, link: await regenerateStatusLink({ shopId, code, userId, role }) };
  throw new Invalid({ action: ['validation.choice'] });
}
