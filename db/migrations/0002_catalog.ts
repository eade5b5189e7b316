import type { Kysely } from 'kysely';

/**
 * Catalog groundwork shared by the storefront, orders and brand studio: stored media (images that went
 * through the sharp pipeline), product variants and photos, the shop's public profile, and the
 * owner-only money settings (kept in their own table so no staff query can select them by accident).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull()) // product_photo | design_image | qris | receipt | brand
    .addColumn('visibility', 'text', (c) => c.notNull()) // public | private
    .addColumn('original_format', 'text', (c) => c.notNull())
    .addColumn('original_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('widths', 'text', (c) => c.notNull()) // JSON array of rendered widths
    .addColumn('placeholder', 'text', (c) => c.notNull()) // tiny blurred data: URI
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_pk', ['shop_id', 'id'])
    .execute();

  await db.schema
    .createTable('product_variants')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull()) // e.g. "Pedas", "250 g"
    .addColumn('sku', 'text')
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('compare_at_price', 'bigint')
    .addColumn('unit_cost', 'bigint')
    .addColumn('stock', 'integer') // null = unlimited
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_variants_pk', ['shop_id', 'id'])
    .addUniqueConstraint('product_variants_name', ['shop_id', 'product_id', 'name'])
    .execute();
  await db.schema.createIndex('product_variants_product').on('product_variants').columns(['shop_id', 'product_id']).execute();

  await db.schema
    .createTable('product_photos')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('product_photos_pk', ['shop_id', 'product_id', 'media_id'])
    .execute();

  await db.schema
    .alterTable('shops')
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('shop_payment_settings')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('bank_name', 'text')
    .addColumn('bank_account_number', 'text')
    .addColumn('bank_account_holder', 'text')
    .addColumn('qris_media_id', 'text')
    .addColumn('accept_whatsapp', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('accept_transfer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accept_card', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stripe_account_id', 'text')
    .addColumn('stripe_charges_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Webhooks arrive with only the connected account id: this index finds the shop for it.
  await db.schema.createIndex('shop_payment_settings_stripe').on('shop_payment_settings').column('stripe_account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['shop_payment_settings', 'product_photos', 'product_variants', 'media']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('shops').dropColumn('profile').execute();
}
