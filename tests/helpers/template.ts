import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEMO_PASSWORD } from './db.ts';

/**
 * The demo program seeded once per test run and per database (an SQLite file with its DATA_DIR, or a PostgreSQL
 * database used as CREATE DATABASE … TEMPLATE), by the app's own first-start path (scripts/prepare-db.ts) in a
 * child process. Servers and test files that want the standard seed (demo password, no trading history) start
 * from a copy of it instead of rendering the demo photos and brand again: seeding was most of a server start.
 * The first worker to ask builds it under a lock directory; the others wait for it. The folder comes from
 * vitest's globalSetup (tests/helpers/global-setup.ts), which drops the PostgreSQL templates at the end; without
 * it (a helper used outside `vitest run`) there is no template and every database is seeded on its own.
 */
export interface SeedTemplate {
  dialect: 'sqlite' | 'postgres';
  /** SQLite: the seeded DATA_DIR (test.sqlite inside it). PostgreSQL: the media of the seeded DATA_DIR. */
  dir: string;
  /** PostgreSQL: the template database's name. */
  database?: string;
}

/** Settings that change what seeding writes: a server given one of these seeds its own database. */
const SEED_SETTINGS = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'SQLITE_PATH',
  'SQLITE_SYNCHRONOUS',
  'SQLITE_GROUP_COMMIT',
  'DATA_DIR',
  'DEMO_PASSWORD',
  'ETALASE_SEED',
  'ETALASE_SEED_HISTORY',
  'PG_CROSS_SHOP_ROLE',
];

/** ETALASE_TEST_TEMPLATE=0 seeds every database on its own, as before the template (for comparing, or doubting it). */
export function templateFits(env: Record<string, string> | undefined): boolean {
  if (process.env.ETALASE_TEST_TEMPLATE === '0') return false;
  return !!process.env.ETALASE_TEST_TEMPLATES && !Object.keys(env ?? {}).some((k) => SEED_SETTINGS.includes(k));
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The template is seeded under this PUBLIC_URL. Publishing a brand stores its share image as an absolute URL
 * (src/server/branding/publish-brand-kit.ts), so a copy gets its own server's origin in its place (publicUrlFixes);
 * the template check below fails the run if seeding ever writes the origin anywhere else.
 */
export const TEMPLATE_ORIGIN = 'http://etalase-seed-template.invalid';

/** Where seeding writes PUBLIC_URL: [table, text column], rewritten in each copy. */
export const PUBLIC_URL_COLUMNS: [string, string][] = [['brand_kits', 'published']];

// The shop's calendar day (WITA): the seed writes dates relative to "today" (a licence about to expire).
function witaDay(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());
}

/** The seeded template for this run's database (DATABASE_URL as the run started), built on first use. */
export async function seedTemplate(clusterUrl: string | undefined): Promise<SeedTemplate> {
  const runDir = process.env.ETALASE_TEST_TEMPLATES!;
  const cluster = clusterUrl ? crypto.createHash('sha256').update(clusterUrl).digest('hex').slice(0, 10) : 'sqlite';
  const key = `${cluster}-${witaDay()}`;
  const ready = path.join(runDir, `${key}.json`);
  const lock = path.join(runDir, `${key}.lock`);
  const failed = path.join(runDir, `${key}.failed`);
  // The same allowance as a server's own first start (tests/helpers/server.ts): a hang detector on a busy machine.
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (fs.existsSync(ready)) return JSON.parse(fs.readFileSync(ready, 'utf8')) as SeedTemplate;
    if (fs.existsSync(failed)) throw new Error(`seeding the test template failed:\n${fs.readFileSync(failed, 'utf8')}`);
    let mine = false;
    try {
      fs.mkdirSync(lock);
      mine = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (mine) {
      try {
        const t = await buildTemplate(runDir, key, clusterUrl);
        fs.writeFileSync(`${ready}.tmp`, JSON.stringify(t));
        fs.renameSync(`${ready}.tmp`, ready);
        return t;
      } catch (e) {
        fs.writeFileSync(failed, String((e as Error).stack ?? e));
        throw e;
      }
    }
    if (Date.now() > deadline) throw new Error(`the test template ${key} was not ready in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function buildTemplate(runDir: string, key: string, clusterUrl: string | undefined): Promise<SeedTemplate> {
  const dir = path.join(runDir, key);
  fs.mkdirSync(dir);
  let env: Record<string, string>;
  let database: string | undefined;
  if (!clusterUrl) {
    env = { SQLITE_PATH: path.join(dir, 'test.sqlite'), DATA_DIR: dir, DATABASE_URL: '' };
  } else {
    database = `etalase_tpl_${path
      .basename(runDir)
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()}_${key.replace(/-/g, '_')}`;
    const admin = new pg.Client({ connectionString: clusterUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    fs.appendFileSync(path.join(runDir, 'pg-templates'), `${clusterUrl} ${database}\n`);
    const url = new URL(clusterUrl);
    url.pathname = `/${database}`;
    // Migrated and seeded as the owner, as the app's first start does; copies grant their own app roles.
    env = { DATABASE_URL: url.toString(), DATA_DIR: dir };
  }
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const proc = spawn(process.execPath, [path.join(root, 'scripts/seed-test-template.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_OWNER_URL: '',
        PG_CROSS_SHOP_ROLE: '',
        ...env,
        DEMO_PASSWORD,
        ETALASE_SEED: '1',
        ETALASE_SEED_HISTORY: '0',
        NODE_ENV: 'production',
        PUBLIC_URL: TEMPLATE_ORIGIN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding the template exited ${code}:\n${out}`))));
  });
  if (!clusterUrl) checkOrigin(path.join(dir, 'test.sqlite'));
  return { dialect: clusterUrl ? 'postgres' : 'sqlite', dir, database };
}

// Every text of the seeded database that holds the template's origin must be in PUBLIC_URL_COLUMNS, or a copy
// would keep an origin its server does not have (the same seed code runs on PostgreSQL).
function checkOrigin(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    const found: string[] = [];
    const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as {
      name: string;
    }[];
    for (const { name } of tables) {
      for (const { name: col } of db.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]) {
        const n = (
          db.prepare(`select count(*) as n from "${name}" where cast("${col}" as text) like ?`).get(`%${TEMPLATE_ORIGIN}%`) as { n: number }
        ).n;
        if (n > 0 && !PUBLIC_URL_COLUMNS.some(([t, c]) => t === name && c === col)) found.push(`${name}.${col}`);
      }
    }
    if (found.length) throw new Error(`seeding wrote PUBLIC_URL into ${found.join(', ')}: add them to PUBLIC_URL_COLUMNS`);
  } finally {
    db.close();
  }
}

/** The app's default PUBLIC_URL for an environment (src/server/config.ts). */
export function publicUrlOf(env: Record<string, string | undefined>): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? '4321'}`).replace(/\/+$/, '');
}

/** In a copy of the template on SQLite: the template's origin becomes the server's own, as if it had seeded. */
export function fixSqlitePublicUrl(file: string, publicUrl: string): void {
  const db = new Database(file);
  try {
    for (const [t, c] of PUBLIC_URL_COLUMNS) db.prepare(`update "${t}" set "${c}" = replace("${c}", ?, ?)`).run(TEMPLATE_ORIGIN, publicUrl);
  } finally {
    db.close();
  }
}

/** Copies the template's files (SQLite file and media) into a fresh database folder. */
export function copyTemplateFiles(t: SeedTemplate, into: string): void {
  fs.cpSync(t.dir, into, { recursive: true });
}
