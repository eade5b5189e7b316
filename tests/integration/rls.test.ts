import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { useTestDatabase } from '../helpers/db.ts';

/**
 * PostgreSQL only: proves that row-level security can sit under the tenant module without code
 * changes. Policies keyed on app.shop_id are added to shop tables, the app connects as a role
 * without BYPASSRLS, and inShop() sees exactly its own shop's rows. (SQLite has no RLS: skipped there.)
 */
const onPg = Boolean(process.env.DATABASE_URL);

describe.runIf(onPg)('PostgreSQL row-level security under inShop()', () => {
  let env: Awaited<ReturnType<typeof useTestDatabase>>;
  let appUrl: string;
  beforeAll(async () => {
    env = await useTestDatabase({ seed: true });
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const role = `etalase_app_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`create role ${role} login password 'app'`);
    await admin.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    for (const t of ['products', 'audit_log', 'shop_members']) {
      await admin.query(`alter table ${t} enable row level security`);
      await admin.query(`create policy shop_isolation on ${t} using (shop_id = current_setting('app.shop_id', true))`);
    }
    await admin.end();
    const u = new URL(process.env.DATABASE_URL!);
    u.username = role; u.password = 'app';
    appUrl = u.toString();
  });
  afterAll(async () => { await env?.close(); });

  it('inShop sees only its shop; a query outside any shop sees nothing', async () => {
    const { closeDb, db } = await import('../../src/server/db/index.ts');
    const { resetConfig } = await import('../../src/server/config.ts');
    const shops = await db().selectFrom('shops').select(['id', 'slug']).execute();
    await closeDb();
    process.env.DATABASE_URL = appUrl;
    resetConfig();
    const { inShop } = await import('../../src/server/tenant/index.ts');
    const hk05 = shops.find((s) => s.slug === 'hk05')!;
    const other = shops.find((s) => s.slug !== 'hk05')!;
    // Even a query that forgets its shop filter returns only the current shop's rows.
    const seen = await inShop(hk05.id, ({ tx }) => tx.selectFrom('products').select('shop_id').execute());
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.shop_id))).toEqual(new Set([hk05.id]));
    const seenOther = await inShop(other.id, ({ tx }) => tx.selectFrom('products').select('shop_id').execute());
    expect(new Set(seenOther.map((r) => r.shop_id))).toEqual(new Set([other.id]));
    const outside = await sql<{ n: string }>`select count(*) as n from products`.execute(db());
    expect(Number(outside.rows[0]!.n)).toBe(0);
    await closeDb();
  });
});
