import type { Kysely } from 'kysely';

/**
 * Marketplace import (issue 10): each imported external order and line, so a re-imported file or a
 * duplicate row changes nothing and a newer export's status is applied to the same order; the fees an
 * order's export carried (posted once); the merchant's product mappings (an unmatched SKU or name mapped
 * once) and saved column mappings for other CSV layouts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('marketplace_orders')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('external_order_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('external_status', 'text', (c) => c.notNull())
    .addColumn('fees', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_orders_pk', ['shop_id', 'marketplace', 'external_order_id'])
    .execute();
  await db.schema
    .createTable('marketplace_order_lines')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('external_order_id', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_order_lines_pk', ['shop_id', 'marketplace', 'external_order_id', 'line_key'])
    .execute();
  await db.schema
    .createTable('marketplace_product_maps')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('external_key', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_product_maps_pk', ['shop_id', 'marketplace', 'external_key'])
    .execute();
  await db.schema
    .createTable('marketplace_column_maps')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_column_maps_pk', ['shop_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['marketplace_column_maps', 'marketplace_product_maps', 'marketplace_order_lines', 'marketplace_orders'])
    await db.schema.dropTable(t).execute();
}
