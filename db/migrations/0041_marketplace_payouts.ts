import type { Kysely } from 'kysely';

/**
 * Marketplace payouts read from an export's released-amount columns (issue 10): what each order's export
 * said was released and on which day (posted once per order), and per marketplace and day what the
 * merchant recorded by hand and what exports released, so one transfer seen both ways posts once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('marketplace_orders').addColumn('released', 'bigint').execute();
  await db.schema.alterTable('marketplace_orders').addColumn('released_day', 'text').execute();
  await db.schema
    .createTable('marketplace_payout_days')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('manual', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_payout_days_pk', ['shop_id', 'marketplace', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('marketplace_payout_days').execute();
  await db.schema.alterTable('marketplace_orders').dropColumn('released_day').execute();
  await db.schema.alterTable('marketplace_orders').dropColumn('released').execute();
}
