import type { ShopScope } from '#server/tenant/index.ts';
import { nowIso } from '#server/util.ts';
import type { ShopPaymentSettingsTable } from '#server/db/schema.ts';
import type { Updateable } from 'kysely';

/** The shop's Stripe columns of shop_payment_settings (the row may not exist yet). */
export async function readStripeSettings(scope: ShopScope) {
  return scope.tx
    .selectFrom('shop_payment_settings')
    .select(['stripe_account_id', 'stripe_charges_enabled', 'stripe_synced_at', 'accept_card', 'updated_at'])
    .where('shop_id', '=', scope.shopId)
    .executeTakeFirst();
}

/** Insert or update the shop's payment settings row with these Stripe columns. */
export async function writeStripeSettings(scope: ShopScope, values: Updateable<ShopPaymentSettingsTable>): Promise<void> {
  const now = nowIso();
  await scope.tx
    .insertInto('shop_payment_settings')
    .values({ shop_id: scope.shopId, ...values, updated_at: now })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

export type StripeConnectState = 'not_connected' | 'incomplete' | 'ready';

export function connectState(row: { stripe_account_id: string | null; stripe_charges_enabled: number } | undefined): StripeConnectState {
  if (!row?.stripe_account_id) return 'not_connected';
  return row.stripe_charges_enabled === 1 ? 'ready' : 'incomplete';
}
