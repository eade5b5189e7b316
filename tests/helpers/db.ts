import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { db as appDb } from '#server/db/index.ts';
import type { Database } from '#server/db/schema.ts';
import {
  copyTemplateFiles,
  fixSqlitePublicUrl,
  PUBLIC_URL_COLUMNS,
  publicUrlOf,
  seedTemplate,
  TEMPLATE_ORIGIN,
  templateFits,
} from './template.ts';

/**
 * A fresh, empty database for one test file: a new SQLite file, or, when DATABASE_URL points at a
 * PostgreSQL server, a new database created on it (dropped afterwards). `env` is the owner's connection
 * (migrations, seeding, fixtures that set rows up or read them directly); `appEnv` is how the app connects.
 * On PostgreSQL the app runs as a login role of its own without BYPASSRLS, under the shop_isolation policies
 * (migration 0058), with PG_CROSS_SHOP_ROLE (BYPASSRLS) it may SET ROLE to in acrossShops(): the PostgreSQL
 * run is the row-level-security run. ETALASE_PG_RLS=0 runs the app as the owner instead. On SQLite both are the same.
 */
export interface TestDatabase {
  env: Record<string, string>;
  appEnv: Record<string, string>;
  dialect: 'sqlite' | 'postgres';
  dir: string;
  /** A copy of the run's seeded template (tests/helpers/template.ts): already migrated and seeded. */
  seeded?: boolean;
  drop: () => Promise<void>;
}

// The cluster's URL as the run started: useTestDatabase points DATABASE_URL at a test database's app role.
const clusterUrl = process.env.DATABASE_URL;

/**
 * With `seeded`, the database is a copy of the run's template, migrated and seeded with the demo program (demo
 * password, no history) by the app's first-start path once per run, instead of an empty one.
 */
export async function createTestDatabase(opts: { seeded?: boolean; publicUrl?: string } = {}): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-test-'));
  const base = process.env.DATABASE_URL ? (clusterUrl ?? process.env.DATABASE_URL) : undefined;
  const template = opts.seeded ? await seedTemplate(base) : null;
  // The origin the app would have written had it seeded this copy itself: the server's, or this process's default.
  const publicUrl = opts.publicUrl ?? publicUrlOf(process.env);
  if (template) copyTemplateFiles(template, dir);
  if (!base) {
    const env = { SQLITE_PATH: path.join(dir, 'test.sqlite'), DATA_DIR: dir, DATABASE_URL: '' };
    if (template) fixSqlitePublicUrl(env.SQLITE_PATH, publicUrl);
    return {
      dialect: 'sqlite',
      dir,
      env,
      appEnv: env,
      seeded: !!template,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `etalase_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await createDatabase(admin, name, template?.database);
  const rls = process.env.ETALASE_PG_RLS !== '0';
  const app = `${name}_app`;
  const cross = `${name}_cross`;
  if (rls) {
    await admin.query(`create role ${app} login password 'app'`);
    await admin.query(`create role ${cross} nologin bypassrls`);
    await admin.query(`grant ${cross} to ${app}`);
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), DATA_DIR: dir };
  let appEnv: Record<string, string> = env;
  if (template) {
    const owner = new pg.Client({ connectionString: url.toString() });
    await owner.connect();
    for (const [t, c] of PUBLIC_URL_COLUMNS)
      await owner.query(`update ${t} set ${c} = replace(${c}, $1, $2)`, [TEMPLATE_ORIGIN, publicUrl]);
    await owner.end();
  }
  if (rls) {
    // Tables are created later by the owner (migrations): grant on them as they come.
    const owner = new pg.Client({ connectionString: url.toString() });
    await owner.connect();
    await owner.query(`grant usage on schema public to ${app}, ${cross}`);
    await owner.query(`alter default privileges in schema public grant select, insert, update, delete on tables to ${app}, ${cross}`);
    await owner.query(`alter default privileges in schema public grant usage, select on sequences to ${app}, ${cross}`);
    if (template) {
      // The template's tables exist already: the same grants the default privileges give tables made later.
      await owner.query(`grant select, insert, update, delete on all tables in schema public to ${app}, ${cross}`);
      await owner.query(`grant usage, select on all sequences in schema public to ${app}, ${cross}`);
    }
    await owner.end();
    const appUrl = new URL(url);
    appUrl.username = app;
    appUrl.password = 'app';
    appEnv = { DATABASE_URL: appUrl.toString(), DATABASE_OWNER_URL: url.toString(), PG_CROSS_SHOP_ROLE: cross, DATA_DIR: dir };
  }
  return {
    dialect: 'postgres',
    dir,
    env,
    appEnv,
    seeded: !!template,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      if (rls) {
        await c.query(`drop role if exists ${app}`);
        await c.query(`drop role if exists ${cross}`);
      }
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createDatabase(admin: pg.Client, name: string, template: string | undefined): Promise<void> {
  if (!template) {
    await admin.query(`create database ${name}`);
    return;
  }
  // CREATE DATABASE … TEMPLATE refuses while another session is connected to the template (55006); none should
  // be, as nothing but the seeding child ever connects to it, but a brief one is waited out rather than failed.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Point this process's app modules (src/server/*) at a fresh database, migrated and optionally seeded (its
 * trading history only with `history`) as the owner; the app modules then connect as the app (see appEnv), and
 * the test's own direct reads and writes go through ownerDb().
 */
export async function useTestDatabase(opts: { seed?: boolean; history?: boolean } = {}) {
  // The standard seed comes from the run's template; a trading history is seeded here, on its own database.
  const tdb = await createTestDatabase({ seeded: !!opts.seed && !opts.history && templateFits(undefined) });
  const { resetConfig } = await import('#server/config.ts');
  const { db, closeDb } = await import('#server/db/index.ts');
  const use = (env: Record<string, string>) => {
    delete process.env.DATABASE_OWNER_URL;
    delete process.env.PG_CROSS_SHOP_ROLE;
    Object.assign(process.env, env);
    if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
    resetConfig();
  };
  use(tdb.env);
  const { migrateToLatest } = await import('#server/db/migrate.ts');
  await migrateToLatest(db());
  if (opts.seed && !tdb.seeded) {
    const { seedDemo } = await import('#db/seed.ts');
    await seedDemo(db(), { password: DEMO_PASSWORD, history: opts.history ?? false });
  }
  if (tdb.appEnv !== tdb.env) {
    await closeDb();
    use(tdb.appEnv);
  }
  return {
    ...tdb,
    async close() {
      await closeDb();
      await closeOwnerDb();
      await tdb.drop();
    },
  };
}

let owner: { url: string; db: Kysely<Database> } | null = null;

/**
 * The test's own door to the database, as its owner: fixtures that set rows up directly and assertions that
 * read them across shops. On SQLite (and PostgreSQL without a separate app role) it is the app's db().
 */
export function ownerDb(): Kysely<Database> {
  const url = process.env.DATABASE_OWNER_URL;
  if (!url) return appDb();
  if (owner?.url !== url) {
    void owner?.db.destroy();
    // The same parsers as the app's pool (src/server/db): bigint and numeric as numbers.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    pg.types.setTypeParser(1700, (v: string) => Number(v));
    owner = { url, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }) }) };
  }
  return owner.db;
}

export async function closeOwnerDb(): Promise<void> {
  const o = owner;
  owner = null;
  await o?.db.destroy();
}

export const DEMO_PASSWORD = 'demo-password-123';
