import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { config } from '../config.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

const require = createRequire(import.meta.url);

function createDb(): { db: Db; dialect: Dialect } {
  const { databaseUrl, sqlitePath, sqliteSynchronous } = config();
  if (databaseUrl) {
    const pg = require('pg') as typeof import('pg');
    // int8 (bigint) and numeric come back as strings by default; Rupiah amounts fit in a JS number.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    pg.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.PG_POOL_MAX ?? 10) });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  fs.mkdirSync(path.dirname(sqlitePath), { recursive: true });
  const sqlite = new Sqlite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }) }), dialect: 'sqlite' };
}

/**
 * Transactions begin with SQLite's write lock (BEGIN IMMEDIATE). A plain BEGIN reads first and asks for
 * the lock at its first write; when another process (a second server, a script) committed in between,
 * SQLite answers "database is locked" at once instead of waiting busy_timeout, and the request fails. In
 * one process the group commit already runs one transaction at a time, so nothing waits longer than before.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing was a sixth of the CPU of an order step
 * (npm run bench -- --ledger-only, node --cpu-prof). The same SQL text reuses its statement (SQLite
 * recompiles a statement itself after a schema change). Statements run synchronously one at a time, so
 * sharing one is safe; the cache is bounded because raw SQL with inlined values would grow it.
 */
function cachingStatements(sqlite: import('better-sqlite3').Database) {
  const cache = new Map<string, import('better-sqlite3').Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= 2000) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

let instance: { db: Db; dialect: Dialect } | undefined;

export function db(): Db {
  instance ??= createDb();
  return instance.db;
}

export function dialect(): Dialect {
  instance ??= createDb();
  return instance.dialect;
}

export async function closeDb(): Promise<void> {
  if (instance) {
    const { db: d } = instance;
    instance = undefined;
    await d.destroy();
  }
}
