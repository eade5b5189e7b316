import { inShop, type ShopScope } from '#server/tenant/index.ts';
import { recordAudit } from '#server/auth/audit.ts';
import { requireCapability } from '#server/auth/access.ts';
import type { ShopRole } from '#server/db/schema.ts';
import { callStripe, stripe, stripeEnabled } from './client.ts';
import { connectState, readStripeSettings, writeStripeSettings, type StripeConnectState } from './settings.ts';

/**
 * Apply an account's charges_enabled as of `asOf` (unix seconds), unless a newer state was already
 * applied: account.updated events arrive out of order, and the return page reads the account directly.
 * Audits the change to ready / not ready. Runs in the caller's shop transaction.
 */
export async function applyAccountState(
  scope: ShopScope,
  opts: {
    accountId: string;
    chargesEnabled: boolean;
    asOf: number;
    userId?: string | null;
    ip?: string;
    source: string;
  },
): Promise<{ applied: boolean; state: StripeConnectState }> {
  const row = await readStripeSettings(scope);
  if (!row || row.stripe_account_id !== opts.accountId) return { applied: false, state: connectState(row) };
  if ((row.stripe_synced_at ?? 0) > opts.asOf) return { applied: false, state: connectState(row) };
  const enabled = opts.chargesEnabled ? 1 : 0;
  await writeStripeSettings(scope, { stripe_charges_enabled: enabled, stripe_synced_at: opts.asOf });
  if (enabled !== row.stripe_charges_enabled) {
    await recordAudit({
      tx: scope.tx,
      shopId: scope.shopId,
      userId: opts.userId ?? null,
      ip: opts.ip,
      action: enabled ? 'payments.stripe_ready' : 'payments.stripe_not_ready',
      details: { account: opts.accountId, source: opts.source },
    });
  }
  return { applied: true, state: enabled ? 'ready' : 'incomplete' };
}

/** The onboarding return page: read the account from Stripe and store whether it can take charges. */
export async function refreshStripeAccount(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  ip?: string;
}): Promise<StripeConnectState> {
  requireCapability(opts.role, 'payments.manage');
  const row = await inShop(opts.shopId, (scope) => readStripeSettings(scope));
  if (!stripeEnabled() || !row?.stripe_account_id) return connectState(row);
  const accountId = row.stripe_account_id;
  const asOf = Math.floor(Date.now() / 1000);
  const account = await callStripe('accounts.retrieve', () => stripe().accounts.retrieve(accountId));
  return inShop(opts.shopId, async (scope) => {
    const r = await applyAccountState(scope, {
      accountId,
      chargesEnabled: account.charges_enabled === true,
      asOf,
      userId: opts.userId,
      ip: opts.ip,
      source: 'return',
    });
    return r.state;
  });
}
