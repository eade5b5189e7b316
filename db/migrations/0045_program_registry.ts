import { sql, type Kysely } from 'kysely';

/**
 * Issue 12 (program office, data entry side):
 * - official areas: a program names its kabupaten by Kemendagri code (`73.06`), its kecamatan and
 *   desa/kelurahan carry their own codes (`73.06.05`, `73.06.05.2001`); a village row without a code is a
 *   program-defined area (a local name such as "Balang-Balang") kept under its official desa (`parent_id`);
 * - the registry of business facts per shop (one row per shop, written by officers and owners);
 * - licences (P-IRT, halal, BPOM MD, trademark) with numbers and dates;
 * - pre-program monthly sales (baseline), with how they were estimated, so growth is measurable from day one.
 * Claim links reuse shop_invites (role 'owner'), so they need no table here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programs').addColumn('kabupaten_code', 'text').execute();
  await db.schema.alterTable('districts').addColumn('code', 'text').execute();
  await db.schema.alterTable('villages').addColumn('code', 'text').execute();
  await db.schema.alterTable('villages').addColumn('parent_id', 'text').execute();
  await db.schema.createIndex('districts_code').on('districts').columns(['program_id', 'code']).unique().execute();
  await db.schema.createIndex('villages_code').on('villages').columns(['program_id', 'code']).unique().execute();

  await db.schema
    .createTable('shop_registry')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nib', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kbli', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('business_scale', 'text', (c) =>
      c
        .notNull()
        .defaultTo('mikro')
        .check(sql`business_scale in ('mikro', 'kecil', 'menengah')`),
    )
    .addColumn('ovop_star', 'integer', (c) => c.check(sql`ovop_star between 1 and 5`))
    .addColumn('training_cohort', 'text')
    .addColumn('program_start_date', 'text') // YYYY-MM-DD
    .addColumn('per_shop_opt_out', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`per_shop_opt_out in (0, 1)`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('shop_licences')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('pirt', 'halal', 'bpom_md', 'merek')`))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text') // YYYY-MM-DD
    .addColumn('expires_on', 'text') // YYYY-MM-DD; null = does not expire
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_licences_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('shop_licences_expiry').on('shop_licences').column('expires_on').execute();

  await db.schema
    .createTable('shop_baselines')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('sales_rupiah', 'bigint', (c) => c.notNull().check(sql`sales_rupiah >= 0`))
    .addColumn('method', 'text', (c) => c.notNull()) // how it was estimated, in the recorder's words
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_baselines_pk', ['shop_id', 'id'])
    .addUniqueConstraint('shop_baselines_month', ['shop_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['shop_baselines', 'shop_licences', 'shop_registry']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.dropIndex('villages_code').ifExists().execute();
  await db.schema.dropIndex('districts_code').ifExists().execute();
  await db.schema.alterTable('villages').dropColumn('parent_id').execute();
  await db.schema.alterTable('villages').dropColumn('code').execute();
  await db.schema.alterTable('districts').dropColumn('code').execute();
  await db.schema.alterTable('programs').dropColumn('kabupaten_code').execute();
}
