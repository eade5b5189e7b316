import { absoluteUrl } from '#server/config.ts';
import { Invalid } from '#server/errors.ts';
import { inShop } from '#server/tenant/index.ts';
import { recordAudit } from '#server/auth/audit.ts';
import { confirmPassword } from '#server/auth/confirm-password.ts';
import { requireCapability } from '#server/auth/access.ts';
import type { ShopRole } from '#server/db/schema.ts';
import { callStripe, stripe, stripeEnabled } from './client.ts';
import { readStripeSettings, writeStripeSettings } from './settings.ts';

/** Where Stripe sends the owner back: after onboarding, and when the onboarding link has expired. */
export function onboardingUrls(slug: string) {
  return {
    return_url: absoluteUrl(`/dashboard/${slug}/pembayaran/stripe/kembali`),
    refresh_url: absoluteUrl(`/dashboard/${slug}/pembayaran/stripe?stripe=ulang`),
  };
}

/**
 * "Hubungkan Stripe": after the owner re-enters the password, create the shop's connected account if it
 * has none, then a one-time onboarding link to send the owner to. Stripe calls run outside any
 * transaction (a slow Stripe must not hold the database).
 *
 * The account is configured for direct charges: the shop is the merchant, pays Stripe's fees, carries
 * its own refunds and disputes (Stripe covers negative balances) and gets the full Stripe Dashboard;
 * money from card payments lands in the shop's own balance, not the platform's.
 */
export async function connectStripe(opts: {
  shop: { id: string; slug: string; name: string };
  userId: string;
  role: ShopRole;
  password: unknown;
  ip?: string;
}): Promise<{ url: string; accountId: string }> {
  requireCapability(opts.role, 'payments.manage');
  await confirmPassword({ userId: opts.userId, password: opts.password });
  if (!stripeEnabled()) throw new Invalid({ _: ['stripe.notConfigured'] }, 'stripe.notConfigured');
  const shopId = opts.shop.id;
  const before = await inShop(shopId, (scope) => readStripeSettings(scope));
  let accountId = before?.stripe_account_id ?? null;
  if (!accountId) {
    const account = await callStripe('accounts.create', () =>
      stripe().accounts.create(
        {
          controller: {
            fees: { payer: 'account' },
            losses: { payments: 'stripe' },
            requirement_collection: 'stripe',
            stripe_dashboard: { type: 'full' },
          },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          business_profile: { name: opts.shop.name, url: absoluteUrl(`/${opts.shop.slug}`) },
          metadata: { shop_id: shopId },
        },
        {
          // A double tap reuses the account; after a disconnect the settings row changed, so a new key.
          idempotencyKey: `etalase-account-${shopId}-${before?.updated_at ?? 'new'}`,
        },
      ),
    );
    accountId = await inShop(shopId, async (scope) => {
      const now = await readStripeSettings(scope);
      // A concurrent tap stored one first: keep that one.
      if (now?.stripe_account_id) return now.stripe_account_id;
      await writeStripeSettings(scope, {
        stripe_account_id: account.id,
        stripe_charges_enabled: account.charges_enabled ? 1 : 0,
        stripe_synced_at: Math.floor(Date.now() / 1000),
        accept_card: 1,
      });
      await recordAudit({
        tx: scope.tx,
        shopId,
        userId: opts.userId,
        action: 'payments.stripe_connected',
        ip: opts.ip,
        details: { account: account.id },
      });
      return account.id;
    });
  }
  const link = await callStripe('accountLinks.create', () =>
    stripe().accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      ...onboardingUrls(opts.shop.slug),
    }),
  );
  return { url: link.url, accountId };
}
