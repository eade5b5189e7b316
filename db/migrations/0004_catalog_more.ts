import type { Kysely } from 'kysely';

/**
 * Catalog read paths: the public list (published products of a shop in display order) and a product's
 * photos in order. Both run on every storefront page that misses the cache.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('products_shop_status_order').on('products').columns(['shop_id', 'status', 'sort_order']).execute();
  await db.schema.createIndex('product_photos_order').on('product_photos').columns(['shop_id', 'product_id', 'sort_order']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('product_photos_order').ifExists().execute();
  await db.schema.dropIndex('products_shop_status_order').ifExists().execute();
}
