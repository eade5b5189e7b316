import { PostgresAdapter, type Kysely } from 'kysely';
import { ensureShopIsolation } from '#server/db/row-security.ts';

/**
 * PostgreSQL: row-level security on every table with a shop_id (listed from the catalog, not by hand), policy
 * shop_isolation: `shop_id = current_setting('app.shop_id', true)`. Defence in depth beside inShop(): an app role
 * without BYPASSRLS sees only the current shop's rows even if a query forgets its shop filter. The owner is not
 * FORCEd, so owner connections behave as before. migrateToLatest applies the same to shop tables that later
 * migrations add. SQLite has no row-level security: nothing to do there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await ensureShopIsolation(db);
}
