import type { Kysely } from 'kysely';

/**
 * Issue 13: changes a device made offline and sent later (src/server/sync). One row per change id the
 * device made, so a status change sent twice is applied once and answers the same outcome; sales and
 * expenses are kept exactly once by their own idempotency keys, derived from the same id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('device_changes')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('order_code', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_changes_pk', ['shop_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_changes').execute();
}
