import { sql, type QueryExecutorProvider } from 'kysely';

/** The policy every shop table carries on PostgreSQL: a row is visible and writable only in its shop's transaction. */
export const SHOP_POLICY = 'shop_isolation';

/** Tables of the current schema that have a shop_id column, read from the catalog so a new shop table cannot be left out. */
export async function shopTables(db: QueryExecutorProvider): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'shop_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return r.rows.map((x) => x.table_name);
}

/**
 * Enables row-level security with the shop_isolation policy on every shop table that lacks it (PostgreSQL only;
 * idempotent). Not FORCEd: the owner role (migrations, seeding, backups) still sees every row, while the app's
 * login role sees only the rows of the shop that inShop() set in `app.shop_id`, and crosses shops only through
 * acrossShops() as PG_CROSS_SHOP_ROLE (BYPASSRLS). Returns the tables it changed.
 */
export async function ensureShopIsolation(db: QueryExecutorProvider): Promise<string[]> {
  const changed: string[] = [];
  for (const t of await shopTables(db)) {
    const has = await sql<{ n: number }>`
      select count(*)::int as n from pg_policies where schemaname = current_schema() and tablename = ${t} and policyname = ${SHOP_POLICY}`.execute(
      db,
    );
    const enabled = await sql<{ on: boolean }>`
      select relrowsecurity as on from pg_class where oid = (quote_ident(current_schema()) || '.' || quote_ident(${t}))::regclass`.execute(
      db,
    );
    if (has.rows[0]!.n > 0 && enabled.rows[0]!.on) continue;
    await sql`alter table ${sql.id(t)} enable row level security`.execute(db);
    if (has.rows[0]!.n === 0) {
      await sql`create policy ${sql.id(SHOP_POLICY)} on ${sql.id(t)} using (shop_id = current_setting('app.shop_id', true))`.execute(db);
    }
    changed.push(t);
  }
  return changed;
}
