import type { StripeStub } from './stripe-stub.ts';

/** Give a shop a connected account in the stub and store it as the shop's account (ready or not). */
export async function connectShop(stub: StripeStub, shopId: string, opts: { ready?: boolean; acceptCard?: boolean } = {}): Promise<string> {
  const res = await fetch(`${stub.url}/v1/accounts`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_setup', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'metadata[shop_id]': shopId }).toString(),
  });
  const account = (await res.json()) as { id: string };
  if (opts.ready !== false) stub.completeOnboarding(account.id);
  const { inShop } = await import('#server/tenant/index.ts');
  const { writeStripeSettings } = await import('#server/payments/stripe/settings.ts');
  await inShop(shopId, (scope) =>
    writeStripeSettings(scope, {
      stripe_account_id: account.id,
      stripe_charges_enabled: opts.ready === false ? 0 : 1,
      accept_card: opts.acceptCard === false ? 0 : 1,
      stripe_synced_at: 0,
    }),
  );
  return account.id;
}
