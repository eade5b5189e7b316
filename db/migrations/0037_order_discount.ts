import type { Kysely } from 'kysely';

/**
 * Issue 11 item 9: a discount the merchant grants before confirming (whole Rupiah, posted to Potongan
 * Penjualan at delivery), so total = subtotal + delivery_fee - discount.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('orders')
    .addColumn('discount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('discount').execute();
}
