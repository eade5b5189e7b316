import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { useTestDatabase } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { accessMatrixSuite } from '../helpers/access-matrix.ts';

/**
 * PostgreSQL only: proves that row-level security can sit under the tenant module without code
 * changes. Policies keyed on app.shop_id are added to shop tables, the app connects as a role
 * without BYPASSRLS, and inShop() sees exactly its own shop's rows. (SQLite has no RLS: skipped there.)
 */
const onPg = Boolean(process.env.DATABASE_URL);
// The cluster's superuser URL (useTestDatabase below points process.env at a per-test database).
const clusterUrl = process.env.DATABASE_URL;

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
    u.username = role;
    u.password = 'app';
    appUrl = u.toString();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('inShop sees only its shop; a query outside any shop sees nothing', async () => {
    const { closeDb, db } = await import('#server/db/index.ts');
    const { resetConfig } = await import('#server/config.ts');
    const superuserUrl = process.env.DATABASE_URL;
    const shops = await db().selectFrom('shops').select(['id', 'slug']).execute();
    await closeDb();
    process.env.DATABASE_URL = appUrl;
    resetConfig();
    const { inShop } = await import('#server/tenant/index.ts');
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
    process.env.DATABASE_URL = superuserUrl;
    resetConfig();
  });
});

/**
 * The whole role × route matrix (every page and API operation as every persona) against a server that
 * connects as a role without BYPASSRLS, with the shop policy on every table that has a shop_id. Only the
 * tenant module's cross-shop door may switch to PG_CROSS_SHOP_ROLE, so a query that reads across shops
 * any other way sees no rows, and the matrix (or the checks below) fails.
 */
async function startUnderRls(): Promise<TestServer> {
  const seeded = await startServer({ keepDb: true }); // migrated and seeded as the superuser
  await seeded.stop();
  const suffix = Math.random().toString(36).slice(2, 8);
  const app = `etalase_rls_app_${suffix}`;
  const cross = `etalase_rls_cross_${suffix}`;
  const admin = new pg.Client({ connectionString: seeded.db.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create role ${app} login password 'app'`);
  await admin.query(`create role ${cross} nologin bypassrls`);
  await admin.query(`grant ${cross} to ${app}`);
  for (const role of [app, cross]) {
    await admin.query(`grant usage on schema public to ${role}`);
    await admin.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
  }
  const tables = await admin.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'shop_id'`,
  );
  expect(tables.rows.length).toBeGreaterThanOrEqual(10);
  for (const { table_name: t } of tables.rows) {
    await admin.query(`alter table ${t} enable row level security`);
    await admin.query(`create policy shop_isolation on ${t} using (shop_id = current_setting('app.shop_id', true))`);
  }
  await admin.end();
  const u = new URL(seeded.db.env.DATABASE_URL!);
  u.username = app;
  u.password = 'app';
  const server = await startServer({ db: seeded.db, env: { DATABASE_URL: u.toString(), PG_CROSS_SHOP_ROLE: cross } });
  return {
    ...server,
    async stop() {
      await server.stop();
      const c = new pg.Client({ connectionString: clusterUrl });
      await c.connect();
      await c.query(`drop role if exists ${app}`);
      await c.query(`drop role if exists ${cross}`);
      await c.end();
    },
  };
}

if (onPg) {
  const matrix = accessMatrixSuite('role × route matrix under row-level security (postgres)', startUnderRls);
  describe('shop rows still reach their owner through the doors under row-level security', () => {
    it("lists the shop's products, members, audit events and orders", async () => {
      const owner = matrix.owner();
      const products = (await (await owner.get('/api/v1/shops/hk05/products')).json()) as { products: unknown[] };
      expect(products.products.length).toBeGreaterThan(0);
      const members = (await (await owner.get('/api/v1/shops/hk05/members')).json()) as { members: unknown[] };
      expect(members.members.length).toBeGreaterThanOrEqual(2);
      const audit = (await (await owner.get('/api/v1/shops/hk05/audit')).json()) as { events: { action: string }[] };
      expect(audit.events.map((e) => e.action)).toContain('auth.sign_in');
      const orders = (await (await owner.get('/api/v1/shops/hk05/orders')).json()) as { orders: unknown[] };
      expect(orders.orders.length).toBeGreaterThan(0);
      const html = await (await owner.get('/hk05')).text();
      expect(html).toContain('Telur Asin');
      expect(matrix.server().output()).not.toMatch(/permission denied|row-level security/i);
    });
  });
}
