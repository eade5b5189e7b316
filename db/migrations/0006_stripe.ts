import type { Kysely } from 'kysely';

/**
 * Stripe Connect: when the shop's account state was last taken from Stripe (account.updated events
 * arrive out of order; an older one must not undo a newer state), and per order the refunded amount
 * (whole Rupiah, cumulative as Stripe reports it) and whether a dispute was opened.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shop_payment_settings').addColumn('stripe_synced_at', 'bigint').execute();
  await db.schema
    .alterTable('orders')
    .addColumn('stripe_refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('stripe_disputed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Refunds and disputes name the PaymentIntent only.
  await db.schema.createIndex('orders_stripe_payment_intent').on('orders').columns(['shop_id', 'stripe_payment_intent_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_stripe_payment_intent').ifExists().execute();
  await db.schema.alterTable('orders').dropColumn('stripe_disputed').execute();
  await db.schema.alterTable('orders').dropColumn('stripe_refunded_amount').execute();
  await db.schema.alterTable('shop_payment_settings').dropColumn('stripe_synced_at').execute();
}
