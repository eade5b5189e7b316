import type { Kysely } from 'kysely';

/**
 * Foundation schema. Conventions that keep SQLite and PostgreSQL on one code path:
 * ids are text, timestamps are ISO-8601 UTC text, booleans are 0/1 integers, money is whole Rupiah (bigint).
 * Every table holding a shop's data has shop_id as the first column of its primary key and of every
 * unique key, so the schema can be distributed by shop later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Asia/Makassar'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('districts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('districts_program_slug', ['program_id', 'slug'])
    .execute();

  await db.schema
    .createTable('villages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('villages_program_slug', ['program_id', 'slug'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('phone', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('program_officers')
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('program_officers_pk', ['program_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the cookie token, hex
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('whatsapp', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shops_village').on('shops').column('village_id').execute();

  await db.schema
    .createTable('shop_members')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_members_pk', ['shop_id', 'user_id'])
    .execute();
  await db.schema.createIndex('shop_members_user').on('shop_members').column('user_id').execute();

  await db.schema
    .createTable('shop_invites')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_invites_pk', ['shop_id', 'token_hash'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_time').on('audit_log').columns(['shop_id', 'created_at']).execute();

  await db.schema
    .createTable('products')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('compare_at_price', 'bigint')
    .addColumn('unit_cost', 'bigint')
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo('pcs'))
    .addColumn('net_content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sku', 'text')
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('stock', 'integer') // null = unlimited
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('products_pk', ['shop_id', 'id'])
    .addUniqueConstraint('products_shop_slug', ['shop_id', 'slug'])
    .execute();

  // Short product links (/q/{id}) are resolved before the shop is known; the id is globally unique
  // by construction (random), and this index only finds the shop for it.
  await db.schema.createIndex('products_id').on('products').column('id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'products',
    'audit_log',
    'shop_invites',
    'shop_members',
    'shops',
    'rate_limits',
    'password_resets',
    'sessions',
    'program_officers',
    'users',
    'villages',
    'districts',
    'programs',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
