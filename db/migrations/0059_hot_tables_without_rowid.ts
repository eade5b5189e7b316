import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * SQLite: the tables every order step appends to or upserts into become WITHOUT ROWID, stored in their primary key
 * (shop_id, …) instead of in a rowid table plus a separate primary-key index. An insert then writes one b-tree
 * fewer, and an upsert of a running total finds and updates its row in one b-tree instead of two (ledger bench,
 * issue 10). Rows are rebuilt as they are (same columns, constraints and indexes; the CREATE statements are read
 * from the schema so nothing is restated by hand). Nothing references these tables by foreign key. PostgreSQL has
 * no rowid: nothing to do there.
 */
const TABLES = ['journal_postings', 'ledger_totals', 'sales_totals', 'order_events', 'order_lines'];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const table of TABLES) {
    const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(db);
    const create = rows.find((r) => r.type === 'table')?.sql;
    if (!create || /without\s+rowid\s*$/i.test(create)) continue;
    const staging = `${table}__rebuild`;
    const head = create.match(/^CREATE TABLE\s+("?)[A-Za-z_]+\1/i)?.[0];
    if (!head) throw new Error(`0059: unexpected CREATE statement for ${table}`);
    await sql.raw(`CREATE TABLE "${staging}"${create.slice(head.length)} WITHOUT ROWID`).execute(db);
    await sql.raw(`INSERT INTO "${staging}" SELECT * FROM "${table}"`).execute(db);
    await sql.raw(`DROP TABLE "${table}"`).execute(db);
    await sql.raw(`ALTER TABLE "${staging}" RENAME TO "${table}"`).execute(db);
    for (const index of rows.filter((r) => r.type === 'index')) await sql.raw(index.sql!).execute(db);
  }
}

export async function down(): Promise<void> {
  // A rowid table and a WITHOUT ROWID table hold the same rows; nothing to undo.
}
