import { sql, type Kysely } from 'kysely';

/**
 * The program dashboard reads the channel rows of sales_totals (product_id '') for every shop of a program: the
 * month rows of a period, the day rows of the last 30 days. Through the primary key it visited every product row
 * of those periods too and looked each row up in the table: ~360 ms of a 1,000-shop, two-year program (the
 * program benchmark). A partial index holding only channel rows and every column those queries read answers them
 * from the index alone (a few tens of ms).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('sales_totals_channel_rows')
    .on('sales_totals')
    .columns(['shop_id', 'grain', 'period', 'channel', 'gross', 'returns', 'orders', 'outside_orders'])
    .where(sql.ref('product_id'), '=', '')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sales_totals_channel_rows').execute();
}
