import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
  Object.assign(process.env, tdb.env);
  if (!tdb.env.DATABASE_URL) delete process.env.DATABASE_URL;
});
afterAll(async () => {
  const { closeDb } = await import('#server/db/index.ts');
  await closeDb();
  await tdb.drop();
});

describe(`migrations from an empty database (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('applies every migration, then is a no-op, and every shop table keys on shop_id', async () => {
    const { db, dialect } = await import('#server/db/index.ts');
    const { migrateToLatest } = await import('#server/db/migrate.ts');
    const first = await migrateToLatest(db());
    expect(first[0]).toBe('0001_foundation');
    // Every module of db/migrations, in file-name order: nothing to register by hand.
    const files = fs
      .readdirSync(path.resolve(import.meta.dirname, '../../db/migrations'))
      .filter((f) => f.endsWith('.ts'))
      .sort();
    expect(first).toEqual(files.map((f) => f.replace(/\.ts$/, '')));
    expect(await migrateToLatest(db())).toEqual([]);

    const tables = (await db().introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'));
    const shopTables = tables.filter((t) => t.columns.some((c) => c.name === 'shop_id'));
    expect(shopTables.map((t) => t.name)).toEqual(expect.arrayContaining(['shop_members', 'shop_invites', 'audit_log', 'products']));
    // docs/scale-out.md lists the tables Citus distributes by shop_id: exactly the shop tables.
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/scale-out.md'), 'utf8');
    const listed = /<!-- shop-tables:start -->([\s\S]*?)<!-- shop-tables:end -->/
      .exec(doc)![1]!
      .match(/`[a-z_]+`/g)!
      .map((n) => n.slice(1, -1));
    expect(listed.sort()).toEqual(shopTables.map((t) => t.name).sort());
    // Primary keys of shop-owned tables start with shop_id (so the schema can be distributed by shop).
    for (const t of shopTables) {
      const pk =
        dialect() === 'postgres'
          ? (
              await sql<{
                column_name: string;
              }>`select a.attname as column_name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = ${t.name}::regclass and i.indisprimary`.execute(
                db(),
              )
            ).rows.map((r) => r.column_name)
          : (
              await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${t.name}) where pk > 0 order by pk`.execute(
                db(),
              )
            ).rows.map((r) => r.name);
      expect(pk, t.name).toContain('shop_id');
    }
  });

  it('seeds the demo program once', async () => {
    const { db } = await import('#server/db/index.ts');
    const { seedDemo } = await import('#db/seed.ts');
    const creds = await seedDemo(db(), { password: 'x-password-1' });
    expect(creds?.map((c) => c.role)).toEqual(['owner', 'staff', 'officer', 'admin']);
    expect(await seedDemo(db())).toBeNull();
    const villages = await db().selectFrom('villages').select('name').orderBy('name').execute();
    // Kabupaten Gowa's 167 official desa/kelurahan (idn-area-data) and the program's own Balang-Balang.
    expect(villages).toHaveLength(168);
    expect(villages.map((v) => v.name)).toEqual(expect.arrayContaining(['Balang-Balang', 'Borongloe', 'Romang Lompoa']));
    const shops = await db().selectFrom('shops').select('slug').execute();
    expect(shops.map((s) => s.slug)).toContain('hk05');
    expect(shops.length).toBeGreaterThanOrEqual(3);
    const counts = await db()
      .selectFrom('products')
      .select((eb) => ['shop_id', eb.fn.countAll<number>().as('n')])
      .groupBy('shop_id')
      .execute();
    expect(counts.length).toBe(shops.length);
    for (const c of counts) expect(Number(c.n)).toBeGreaterThanOrEqual(2);
  });
});
