import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one test file: a new SQLite file, or, when DATABASE_URL points at a
 * PostgreSQL server, a new database created on it (dropped afterwards). Returns the env to use.
 */
export interface TestDatabase {
  env: Record<string, string>;
  dialect: 'sqlite' | 'postgres';
  dir: string;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-test-'));
  const base = process.env.DATABASE_URL;
  if (!base) {
    return {
      dialect: 'sqlite',
      dir,
      env: { SQLITE_PATH: path.join(dir, 'test.sqlite'), DATA_DIR: dir, DATABASE_URL: '' },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `etalase_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    dir,
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Point this process's app modules (src/server/*) at a fresh database, migrated and optionally seeded (its trading history only with `history`). */
export async function useTestDatabase(opts: { seed?: boolean; history?: boolean } = {}) {
  const tdb = await createTestDatabase();
  Object.assign(process.env, tdb.env);
  if (!tdb.env.DATABASE_URL) delete process.env.DATABASE_URL;
  const { resetConfig } = await import('#server/config.ts');
  resetConfig();
  const { db, closeDb } = await import('#server/db/index.ts');
  const { migrateToLatest } = await import('#server/db/migrate.ts');
  await migrateToLatest(db());
  if (opts.seed) {
    const { seedDemo } = await import('#db/seed.ts');
    await seedDemo(db(), { password: DEMO_PASSWORD, history: opts.history ?? false });
  }
  return {
    ...tdb,
    async close() {
      await closeDb();
      await tdb.drop();
    },
  };
}

export const DEMO_PASSWORD = 'demo-password-123';
