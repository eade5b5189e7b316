import type { ShopRole } from '../db/schema.ts';
import { Invalid } from '../errors.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { adjustOrderInput, cancelFormInput, transitionInput } from './schemas.ts';
import type { MerchantTarget } from './lifecycle.ts';
import { changeOrderStatus } from './change-order-status.ts';
import { regenerateStatusLink } from './regenerate-status-link.ts';
import { adjustOrder } from './adjust-order.ts';

export type OrderFormOutcome =
  { moved: MerchantTarget | 'adjusted'; link: null } | { moved: null; link: { statusUrl: string; whatsappUrl: string | null } };

/** A typed whole number, or undefined for an empty field (left as it is); anything else fails the schema. */
function wholeNumber(v: FormDataEntryValue | null): number | string | undefined {
  const s = String(v ?? '').replace(/[\s.]/g, '');
  if (s === '') return undefined;
  return /^\d{1,12}$/.test(s) ? Number(s) : s;
}

/**
 * The order page's forms without JavaScript: `transition` (validated with the API's schema, then the
 * API's use case; cancelling only through `cancel`, which needs a reason and the confirm box), `adjust`
 * (delivery fee, discount, quantities `qty.<line>`) or `regenerate` (a new status link). The use cases
 * check the role.
 */
export async function submitOrderForm(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  code: string;
  form: FormData;
  locale: Locale;
}): Promise<OrderFormOutcome> {
  const { shopId, userId, role, code, form, locale } = opts;
  const action = String(form.get('action') ?? '');
  if (action === 'transition') {
    const input = parseInput(transitionInput, { to: String(form.get('to') ?? '') }, locale);
    if (input.to === 'cancelled') throw new Invalid({ reason: ['desk.reasonRequired'] }, 'desk.reasonRequired');
    await changeOrderStatus({ shopId, code, to: input.to, userId, role });
    return { moved: input.to, link: null };
  }
  if (action === 'cancel') {
    const input = parseInput(
      cancelFormInput,
      { reason: form.get('reason') ?? '', note: form.get('note') ?? '', confirm: form.get('confirm') ?? '' },
      locale,
    );
    await changeOrderStatus({ shopId, code, to: 'cancelled', userId, role, reason: input.reason, note: input.note });
    return { moved: 'cancelled', link: null };
  }
  if (action === 'adjust') {
    const quantities: Record<string, number | string | undefined> = {};
    for (const [k, v] of form.entries()) {
      const m = /^qty\.(\d{1,3})$/.exec(k);
      const q = m ? wholeNumber(v) : undefined;
      if (m && q !== undefined) quantities[m[1]!] = q;
    }
    const input = parseInput(
      adjustOrderInput,
      { deliveryFee: wholeNumber(form.get('deliveryFee')), discount: wholeNumber(form.get('discount')), quantities },
      locale,
    );
    await adjustOrder({ shopId, code, userId, role, input });
    return { moved: 'adjusted', link: null };
  }
  if (action === 'regenerate') return { moved: null, link: await regenerateStatusLink({ shopId, code, userId, role }) };
  throw new Invalid({ action: ['validation.choice'] });
}
