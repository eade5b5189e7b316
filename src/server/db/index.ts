import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type ControlledTransaction,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { config } from '../config.ts';
import { Checkpointer } from './checkpointer.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

const require = createRequire(import.meta.url);

function createDb(): Instance {
  const { databaseUrl, sqlitePath, sqliteSynchronous, sqliteGroupCommit } = config();
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
  // Durable group commit: SQLite writes the WAL at COMMIT without syncing it, and the commit is acknowledged after
  // walSync has fsynced it (off the main thread), so the next batch runs while the disk syncs the last one.
  const walSync = sqliteSynchronous === 'FULL' && sqliteGroupCommit ? new WalSync(`${sqlitePath}-wal`) : null;
  sqlite.pragma(`synchronous = ${walSync ? 'NORMAL' : sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Sorting and grouping in hot statements (order transitions, the hold-cap check) used temp files on disk.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = new Checkpointer(sqlitePath, require.resolve('better-sqlite3'), () => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const statements = cachingStatements(sqlite, walSync);
  walSyncer = walSync;
  return {
    db: new Kysely<Database>({
      dialect: new ImmediateSqliteDialect(
        { database: statements },
        walSync && durableConnection(sqlite, statements, walSync),
        checkpointer,
      ),
    }),
    dialect: 'sqlite',
    statements,
    checkpointer,
  };
}

/**
 * fsyncs the WAL file on libuv's thread pool. A caller waits for a sync that started after its commit wrote the
 * WAL; one sync serves every commit made before it started, so concurrent callers share it.
 */
class WalSync {
  private fd: number | null = null;
  private running = false;
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.next();
    });
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private next(): void {
    if (this.running || !this.waiting.length) return;
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    const done = (e: unknown) => {
      this.running = false;
      for (const w of batch)
        if (e) w.reject(e);
        else w.resolve();
      this.next();
    };
    try {
      // SQLite never deletes the WAL while a connection (this one) is open, so the descriptor stays valid.
      this.fd ??= fs.openSync(this.file, 'r');
    } catch (e) {
      done(e);
      return;
    }
    fs.fdatasync(this.fd, done);
  }
}

let walSyncer: WalSync | null = null;
let deferSync = false;

/**
 * A statement that ends outside a transaction after writing (a COMMIT, or a write in autocommit) resolves only
 * once the WAL is synced: without synchronous=FULL every path stays as durable as with it.
 */
function durableConnection(
  sqlite: import('better-sqlite3').Database,
  statements: ReturnType<typeof cachingStatements>,
  walSync: WalSync,
): (c: DatabaseConnection) => DatabaseConnection {
  return (c) => ({
    executeQuery: async <R>(q: CompiledQuery) => {
      const wasIn = sqlite.inTransaction;
      const r = await c.executeQuery<R>(q);
      if (!sqlite.inTransaction && (wasIn || !statements.prepare(q.sql).readonly) && !deferSync) await walSync.sync();
      return r;
    },
    streamQuery: (q, n) => c.streamQuery(q, n),
  });
}

/**
 * Commits a group commit's transaction and resolves once it is durable, without holding the connection while the
 * disk syncs (the next batch can run meanwhile).
 */
export async function commitDurably(trx: ControlledTransaction<Database>): Promise<void> {
  deferSync = true;
  try {
    await trx.commit().execute();
  } finally {
    deferSync = false;
  }
  if (walSyncer) await walSyncer.sync();
}

/**
 * Transactions begin with SQLite's write lock (BEGIN IMMEDIATE). A plain BEGIN reads first and asks for
 * the lock at its first write; when another process (a second server, a script) committed in between,
 * SQLite answers "database is locked" at once instead of waiting busy_timeout, and the request fails. In
 * one process the group commit already runs one transaction at a time, so nothing waits longer than before.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  private readonly wrapConnection: ((c: DatabaseConnection) => DatabaseConnection) | null;
  private readonly checkpointer: Checkpointer;

  constructor(
    config: SqliteDialectConfig,
    wrapConnection: ((c: DatabaseConnection) => DatabaseConnection) | null,
    checkpointer: Checkpointer,
  ) {
    super(config);
    this.wrapConnection = wrapConnection;
    this.checkpointer = checkpointer;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const wrap = this.wrapConnection;
    if (wrap) {
      const acquire = driver.acquireConnection.bind(driver);
      let wrapped: DatabaseConnection | undefined;
      driver.acquireConnection = async () => (wrapped ??= wrap(await acquire()));
    }
    const checkpointer = this.checkpointer;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await checkpointer.beforeBegin();
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
function cachingStatements(sqlite: import('better-sqlite3').Database, walSync: WalSync | null) {
  const cache = new Map<string, import('better-sqlite3').Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
      walSync?.close();
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

interface Instance {
  db: Db;
  dialect: Dialect;
  statements?: ReturnType<typeof cachingStatements>;
  checkpointer?: Checkpointer;
}
let instance: Instance | undefined;

/**
 * SQLite's cached statements, for running a query inside a transaction straight on the connection the transaction
 * already holds (prepared.ts): better-sqlite3 answers synchronously, and Kysely's executor (connection provider,
 * mutex, several promises per statement) was a visible share of an order step's CPU. Null on PostgreSQL.
 */
export function sqliteStatements(): { prepare: (sql: string) => import('better-sqlite3').Statement } | null {
  instance ??= createDb();
  return instance.statements ?? null;
}

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
    const { db: d, checkpointer } = instance;
    instance = undefined;
    walSyncer = null;
    // The app connection must close last: SQLite then checkpoints the whole WAL and removes it.
    await checkpointer?.close();
    await d.destroy();
  }
}
