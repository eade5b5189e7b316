import type { Kysely } from 'kysely';

/**
 * Marketplace import runs (issue 10): an uploaded export between its preview and its commit (the file
 * itself waits in DATA_DIR/imports, never in the database or in memory), then the commit's progress,
 * which runs in the background while the page polls it, and its result.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('marketplace_imports')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('mapping_name', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orders_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('preview', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_imports_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('marketplace_imports_recent').on('marketplace_imports').columns(['shop_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('marketplace_imports').execute();
}
