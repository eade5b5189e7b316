import type { Kysely } from 'kysely';

/**
 * Issue 8: an idempotency key is bound to its request (`request_fingerprint`: a keyed hash of the
 * normalised body, see src/server/orders/request-fingerprint.ts), and an unconfirmed public order holds
 * stock only for a short time. `stock_held` = 1 while the order's quantities are taken off product stock;
 * `hold_until` = when an unconfirmed order's hold lapses (null: held as long as the order reserves, as
 * before); `client_ip_hash` = keyed hash of the placing client's IP, to cap units held per IP.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('request_fingerprint', 'text').execute();
  await db.schema
    .alterTable('orders')
    .addColumn('stock_held', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('orders').addColumn('hold_until', 'text').execute();
  await db.schema.alterTable('orders').addColumn('client_ip_hash', 'text').execute();
  // The lapse sweep and the per-phone/per-IP caps read live holds.
  await db.schema.createIndex('orders_hold_until').on('orders').columns(['stock_held', 'hold_until']).execute();
  await db.schema.createIndex('orders_held_phone').on('orders').columns(['shop_id', 'customer_phone', 'hold_until']).execute();
  await db.schema.createIndex('orders_held_ip').on('orders').columns(['shop_id', 'client_ip_hash', 'hold_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_held_ip').ifExists().execute();
  await db.schema.dropIndex('orders_held_phone').ifExists().execute();
  await db.schema.dropIndex('orders_hold_until').ifExists().execute();
  for (const c of ['client_ip_hash', 'hold_until', 'stock_held', 'request_fingerprint']) {
    await db.schema.alterTable('orders').dropColumn(c).execute();
  }
}
