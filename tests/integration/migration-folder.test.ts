import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * The migrator reads its folder: a file dropped in is applied, in file-name order, whatever order it was
 * written in. Probe migrations in a temporary folder, against a fresh database.
 */
let tdb: TestDatabase;
let folder: string;
beforeAll(async () => {
  tdb = await createTestDatabase();
  Object.assign(process.env, tdb.env);
  if (!tdb.env.DATABASE_URL) delete process.env.DATABASE_URL;
  folder = fs.mkdtempSync(path.join(tdb.dir, 'migrations-'));
});
afterAll(async () => {
  const { closeDb } = await import('#server/db/index.ts');
  await closeDb();
  await tdb.drop();
});

const write = (name: string, body: string) => fs.writeFileSync(path.join(folder, name), body);
// 0002 and 0003 insert into the table 0001 creates, so running them out of order fails.
const insert = (n: number) =>
  `export async function up(db: any): Promise<void> {\n  await db.insertInto('probe').values({ n: ${n} }).execute();\n}\n`;

describe(`migrations discovered from their folder (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('applies the files in name order, then a file dropped in later, and ignores files that are not modules', async () => {
    const { db } = await import('#server/db/index.ts');
    const { migrateToLatest } = await import('#server/db/migrate.ts');
    write('0002_second.ts', insert(2));
    write(
      '0001_first.ts',
      `export async function up(db: any): Promise<void> {\n  await db.schema.createTable('probe').addColumn('n', 'integer', (c: any) => c.notNull()).execute();\n}\n`,
    );
    write('README.md', 'Not a migration.\n');
    expect(await migrateToLatest(db(), folder)).toEqual(['0001_first', '0002_second']);
    expect(await migrateToLatest(db(), folder)).toEqual([]);

    write('0003_third.ts', insert(3));
    expect(await migrateToLatest(db(), folder)).toEqual(['0003_third']);
    const rows = (await db()
      .selectFrom('probe' as never)
      .select('n' as never)
      .orderBy('n' as never)
      .execute()) as { n: number }[];
    expect(rows.map((r) => Number(r.n))).toEqual([2, 3]);
  });

  it('refuses a module in the folder that exports no up(), and applies nothing', async () => {
    const { db } = await import('#server/db/index.ts');
    const { migrateToLatest } = await import('#server/db/migrate.ts');
    write('0004_typo.ts', 'export async function upp(): Promise<void> {}\n');
    write('0005_fine.ts', insert(5));
    await expect(migrateToLatest(db(), folder)).rejects.toThrow(/0004_typo\.ts exports no up\(\) migration/);
    const rows = (await db()
      .selectFrom('probe' as never)
      .select('n' as never)
      .execute()) as { n: number }[];
    expect(rows.map((r) => Number(r.n)).sort()).toEqual([2, 3]);
  });
});
