import type { ShopRole } from '#server/db/schema.ts';
import { Invalid } from '#server/errors.ts';
import { safeNext } from '#server/http/redirect.ts';
import { StripeUnavailable } from './client.ts';
import { connectStripe } from './connect-account.ts';
import { disconnectStripe } from './disconnect-account.ts';

/**
 * The forms of the Stripe section without JavaScript: `connect` (to Stripe's onboarding) or `disconnect`
 * (back to `next`, a path of this site). Returns where to redirect; connectStripe and disconnectStripe
 * check the role and the password.
 */
export async function submitStripeConnectForm(opts: {
  shop: { id: string; slug: string; name: string };
  userId: string;
  role: ShopRole;
  form: FormData;
  ip?: string;
}): Promise<string> {
  const { shop, userId, role, ip } = opts;
  const { form } = opts;
  const action = String(form.get('action') ?? '');
  if (action === 'connect') {
    try {
      return (await connectStripe({ shop, userId, role, password: form.get('password'), ip })).url;
    } catch (err) {
      if (err instanceof StripeUnavailable) throw new Invalid({}, 'stripe.unreachable');
      throw err;
    }
  }
  if (action === 'disconnect') {
    await disconnectStripe({ shopId: shop.id, userId, role, password: form.get('disconnectPassword'), ip });
    const back = safeNext(String(form.get('next') ?? ''), `/dashboard/${shop.slug}/pembayaran/stripe`);
    return `${back}${back.includes('?') ? '&' : '?'}stripe=terputus`;
  }
  throw new Invalid({ action: ['validation.choice'] });
}
