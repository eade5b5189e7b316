import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DEMO_PASSWORD, ownerDb, useTestDatabase } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';

/**
 * PostgreSQL only (SQLite has no row-level security). The PostgreSQL run is the row-level-security run: the
 * test harness connects the app as a login role without BYPASSRLS (tests/helpers/db.ts), every table with a
 * shop_id carries the shop_isolation policy (migration 0058), and only acrossShops() switches to
 * PG_CROSS_SHOP_ROLE. These tests pin that setup down; the rest of the suite runs under it.
 */
const onPg = Boolean(process.env.DATABASE_URL) && process.env.ETALASE_PG_RLS !== '0';

describe.runIf(onPg)('PostgreSQL row-level security under inShop()', () => {
  let env: Awaited<ReturnType<typeof useTestDatabase>>;
  beforeAll(async () => {
    env = await useTestDatabase({ seed: true });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('every table with a shop_id has row-level security on (not forced) and the shop_isolation policy', async () => {
    const rows = await sql<{ table_name: string; on: boolean; forced: boolean; policy: string | null; qual: string | null }>`
      select c.table_name, k.relrowsecurity as on, k.relforcerowsecurity as forced, p.policyname as policy, p.qual
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      join pg_class k on k.oid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
      left join pg_policies p on p.schemaname = c.table_schema and p.tablename = c.table_name and p.policyname = 'shop_isolation'
      where c.table_schema = current_schema() and c.column_name = 'shop_id'`.execute(ownerDb());
    expect(rows.rows.length).toBeGreaterThanOrEqual(20);
    for (const r of rows.rows) {
      expect({ table: r.table_name, on: r.on, forced: r.forced, policy: r.policy }).toEqual({
        table: r.table_name,
        on: true,
        forced: false,
        policy: 'shop_isolation',
      });
      expect(r.qual, r.table_name).toContain("current_setting('app.shop_id'::text, true)");
    }
  });

  it('the app connects as a role that neither owns the tables nor bypasses row-level security', async () => {
    const { db } = await import('#server/db/index.ts');
    const me = await sql<{ super: boolean; bypass: boolean; owner: boolean }>`
      select r.rolsuper as super, r.rolbypassrls as bypass,
        exists (select 1 from pg_tables where tableowner = current_user) as owner
      from pg_roles r where r.rolname = current_user`.execute(db());
    expect(me.rows[0]).toEqual({ super: false, bypass: false, owner: false });
    expect(process.env.PG_CROSS_SHOP_ROLE).toBeTruthy();
  });

  it('inShop sees only its shop; a query outside any shop sees nothing; acrossShops sees every shop', async () => {
    const { db } = await import('#server/db/index.ts');
    const { inShop, acrossShops } = await import('#server/tenant/index.ts');
    const shops = await ownerDb().selectFrom('shops').select(['id', 'slug']).execute();
    const hk05 = shops.find((s) => s.slug === 'hk05')!;
    const other = shops.find((s) => s.slug !== 'hk05')!;
    // Even a query that forgets its shop filter returns only the current shop's rows.
    const seen = await inShop(hk05.id, ({ tx }) => tx.selectFrom('products').select('shop_id').execute());
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.shop_id))).toEqual(new Set([hk05.id]));
    const seenOther = await inShop(other.id, ({ tx }) => tx.selectFrom('products').select('shop_id').execute());
    expect(new Set(seenOther.map((r) => r.shop_id))).toEqual(new Set([other.id]));
    const outside = await sql<{ n: number }>`select count(*)::int as n from products`.execute(db());
    expect(outside.rows[0]!.n).toBe(0);
    const across = await acrossShops((q) => q.selectFrom('products').select('shop_id').distinct().execute());
    expect(across.length).toBe(new Set((await ownerDb().selectFrom('products').select('shop_id').execute()).map((r) => r.shop_id)).size);
    // A write into another shop's rows from inside a shop is refused by the policy, not just filtered.
    await expect(
      inShop(hk05.id, ({ tx }) =>
        tx
          .updateTable('products')
          .set({ name: 'x' })
          .where('shop_id', '=', other.id)
          .execute()
          .then((r) => Number(r[0]!.numUpdatedRows)),
      ),
    ).resolves.toBe(0);
  });
});

describe.runIf(onPg)('shop rows reach their owner through the doors under row-level security (built server)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists the shop's products, members and audit events, and its orders answer", async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const products = (await (await owner.get('/api/v1/shops/hk05/products')).json()) as { products: unknown[] };
    expect(products.products.length).toBeGreaterThan(0);
    const members = (await (await owner.get('/api/v1/shops/hk05/members')).json()) as { members: unknown[] };
    expect(members.members.length).toBeGreaterThanOrEqual(2);
    const audit = (await (await owner.get('/api/v1/shops/hk05/audit')).json()) as { events: { action: string }[] };
    expect(audit.events.map((e) => e.action)).toContain('auth.sign_in');
    expect((await owner.get('/api/v1/shops/hk05/orders')).status).toBe(200);
    const html = await (await owner.get('/hk05')).text();
    expect(html).toContain('Telur Asin');
    expect(server.output()).not.toMatch(/permission denied|row-level security/i);
  });
});
