import { inShop, type ShopScope } from '#server/tenant/index.ts';
import { recordAudit } from '#server/auth/audit.ts';
import { confirmPassword } from '#server/auth/confirm-password.ts';
import { requireCapability } from '#server/auth/access.ts';
import type { ShopRole } from '#server/db/schema.ts';
import { readStripeSettings, writeStripeSettings } from './settings.ts';

/**
 * Forget the shop's connected account: card is no longer offered. Nothing is deleted at Stripe (the
 * account and its money belong to the business); connecting again creates a fresh account.
 * Runs in the caller's shop transaction; used by the owner's disconnect and by deauthorization.
 */
export async function clearStripeAccount(
  scope: ShopScope,
  opts: { accountId?: string; userId: string | null; ip?: string; reason: string },
): Promise<boolean> {
  const row = await readStripeSettings(scope);
  if (!row?.stripe_account_id) return false;
  if (opts.accountId && row.stripe_account_id !== opts.accountId) return false;
  await writeStripeSettings(scope, { stripe_account_id: null, stripe_charges_enabled: 0, stripe_synced_at: null, accept_card: 0 });
  await recordAudit({
    tx: scope.tx,
    shopId: scope.shopId,
    userId: opts.userId,
    ip: opts.ip,
    action: 'payments.stripe_disconnected',
    details: { account: row.stripe_account_id, reason: opts.reason },
  });
  return true;
}

export async function disconnectStripe(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  password: unknown;
  ip?: string;
}): Promise<void> {
  requireCapability(opts.role, 'payments.manage');
  await confirmPassword({ userId: opts.userId, password: opts.password, field: 'disconnectPassword' });
  await inShop(opts.shopId, (scope) => clearStripeAccount(scope, { userId: opts.userId, ip: opts.ip, reason: 'owner' }));
}
