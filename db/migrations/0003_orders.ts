import type { Kysely } from 'kysely';

/**
 * Orders from every channel, their lines and their event history (each lifecycle transition is one
 * event with who and when; the sales ledger posts journal entries from these events), server-side
 * carts, and processed Stripe events (deduplicated per shop in the same transaction as their effect).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull()) // human code, e.g. HK05-7Q3K
    .addColumn('access_token_hash', 'text', (c) => c.notNull()) // SHA-256 of the status-page token (>= 128 bits)
    .addColumn('idempotency_key', 'text')
    .addColumn('channel', 'text', (c) => c.notNull()) // whatsapp | web | marketplace | stall
    .addColumn('payment_method', 'text', (c) => c.notNull()) // whatsapp | transfer | card | cash
    .addColumn('status', 'text', (c) => c.notNull()) // pending | confirmed | paid | fulfilled | cancelled | expired
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_phone', 'text')
    .addColumn('delivery_method', 'text', (c) => c.notNull()) // pickup | local | courier
    .addColumn('destination_code', 'text') // kabupaten/kota code (new-markets figure)
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('delivery_fee', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('expires_at', 'text')
    .addColumn('receipt_media_id', 'text')
    .addColumn('stripe_checkout_session_id', 'text')
    .addColumn('stripe_payment_intent_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_pk', ['shop_id', 'id'])
    .addUniqueConstraint('orders_code', ['shop_id', 'code'])
    .addUniqueConstraint('orders_idempotency', ['shop_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('orders_status').on('orders').columns(['shop_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('orders_expiry').on('orders').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('orders_stripe_session').on('orders').column('stripe_checkout_session_id').execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('variant_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull()) // snapshot at order time
    .addColumn('variant_name', 'text')
    .addColumn('sku', 'text')
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost', 'bigint')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('line_total', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['shop_id', 'order_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('order_events')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // placed | confirmed | paid | fulfilled | cancelled | expired | receipt_uploaded | refunded | disputed | payment_failed
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull()) // customer | user | system | stripe
    .addColumn('actor_user_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_events_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('order_events_order').on('order_events').columns(['shop_id', 'order_id', 'created_at']).execute();

  await db.schema
    .createTable('carts')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull()) // SHA-256 of the cart cookie
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carts_pk', ['shop_id', 'token_hash'])
    .execute();

  await db.schema
    .createTable('cart_items')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('cart_token_hash', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull().defaultTo('')) // '' = product without variants
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cart_items_pk', ['shop_id', 'cart_token_hash', 'product_id', 'variant_id'])
    .execute();

  await db.schema
    .createTable('stripe_events')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stripe_events_pk', ['shop_id', 'event_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['stripe_events', 'cart_items', 'carts', 'order_events', 'order_lines', 'orders']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
