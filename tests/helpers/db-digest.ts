import crypto from 'node:crypto';
import { sql } from 'kysely';
import { db } from '#server/db/index.ts';

/**
 * A cheap fingerprint of one shop's rows, read through the test process's connection to the server's
 * database (point it there first with useServerDatabase): per table with a shop_id column, a hash of the
 * shop's rows. Comparing two digests shows which tables a request changed. Tables whose rows change on
 * reads by design (the audit log records denied sign-ins, rate-limit counters) are left out by `except`.
 */
export async function shopDigest(shopId: string, except: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await shopTables()) {
    if (except.includes(table)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where shop_id = ${shopId}`.execute(db())).rows;
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
    out[table] = `${rows.length}:${crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** Row counts of every table (shop and global): what a rejected request must leave as it was. */
export async function rowCounts(except: string[] = []): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await allTables()) {
    if (except.includes(table)) continue;
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db());
    out[table] = Number(r.rows[0]!.n);
  }
  return out;
}

let tablesMemo: { all: string[]; shop: string[] } | null = null;

async function tables(): Promise<{ all: string[]; shop: string[] }> {
  if (tablesMemo) return tablesMemo;
  const postgres = Boolean(process.env.DATABASE_URL);
  const cols = postgres
    ? (
        await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
          where table_schema = current_schema()`.execute(db())
      ).rows
    : (
        await sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name
          from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db())
      ).rows;
  const all = [...new Set(cols.map((c) => c.table_name))].filter((t) => !t.startsWith('kysely_')).sort();
  const shop = [...new Set(cols.filter((c) => c.column_name === 'shop_id').map((c) => c.table_name))].filter((t) => all.includes(t)).sort();
  tablesMemo = { all, shop };
  return tablesMemo;
}

const shopTables = async () => (await tables()).shop;
const allTables = async () => (await tables()).all;
