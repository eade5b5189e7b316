import type { Kysely } from 'kysely';

/**
 * Issue 12 (program office, read side):
 * - `sales_totals.outside_orders`: of the orders counted on a channel row, those whose destination lies outside
 *   the shop's own kabupaten ("new markets"), maintained by the same upsert that already adds the order, so the
 *   program dashboard reads month rows instead of every order.
 * - `programs.home_destination`: the destination code (orders/destinations.ts) of the program's own kabupaten.
 * - `program_targets`: the program's success thresholds (percent of shops), editable per program.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sales_totals')
    .addColumn('outside_orders', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('programs').addColumn('home_destination', 'text').execute();
  await db.schema
    .createTable('program_targets')
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('min_percent', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_targets_pk', ['program_id', 'indicator'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('program_targets').execute();
  await db.schema.alterTable('programs').dropColumn('home_destination').execute();
  await db.schema.alterTable('sales_totals').dropColumn('outside_orders').execute();
}
