import type { Kysely } from 'kysely';

/**
 * Brand studio: designs (logos, labels, social posts) with every saved version kept, label facts per
 * product (what BPOM wants on a food label and the products table does not hold), the shop's
 * certifications (halal number, NIB), and the brand kit (draft and published snapshot).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('designs')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // logo | label | social
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text') // labels: the product whose facts it shows
    .addColumn('template_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull()) // current version number
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('designs_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('designs_updated').on('designs').columns(['shop_id', 'updated_at']).execute();

  await db.schema
    .createTable('design_versions')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('design_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull()) // validated design JSON
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('design_versions_pk', ['shop_id', 'design_id', 'version'])
    .execute();

  await db.schema
    .createTable('product_label_facts')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('net_weight', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('composition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('producer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('producer_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('registration_kind', 'text', (c) => c.notNull().defaultTo('')) // pirt | bpom_md | ''
    .addColumn('registration_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('production_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expiry_date', 'text', (c) => c.notNull().defaultTo('')) // YYYY-MM-DD
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_label_facts_pk', ['shop_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('shop_certifications')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('halal_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nib', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('brand_kits')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('logo_design_id', 'text')
    .addColumn('colors', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: up to 6 hex colours, first = primary
    .addColumn('heading_font', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_font', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tagline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published', 'text') // JSON snapshot read by public pages (PublishedBrand)
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['brand_kits', 'shop_certifications', 'product_label_facts', 'design_versions', 'designs']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
