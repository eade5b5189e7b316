import { inShop } from '#server/tenant/index.ts';
import { requireCapability } from '#server/auth/access.ts';
import type { ShopRole } from '#server/db/schema.ts';
import { stripeEnabled } from './client.ts';
import { connectState, readStripeSettings, type StripeConnectState } from './settings.ts';

export interface StripeConnectStatus {
  enabled: boolean;
  state: StripeConnectState;
  accountId: string | null;
  acceptCard: boolean;
}

/** What the payment settings page shows: whether the platform offers Stripe at all, and this shop's state. */
export async function getStripeConnectStatus(opts: { shopId: string; role: ShopRole }): Promise<StripeConnectStatus> {
  requireCapability(opts.role, 'payments.manage');
  const row = await inShop(opts.shopId, (scope) => readStripeSettings(scope));
  return {
    enabled: stripeEnabled(),
    state: connectState(row),
    accountId: row?.stripe_account_id ?? null,
    acceptCard: row?.accept_card === 1,
  };
}
