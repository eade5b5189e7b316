import { CompiledQuery, type ControlledTransaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { commitDurably, sqliteStatements, type Db, type Tx } from '../db/index.ts';

/**
 * Group commit for SQLite: concurrent shop transactions run one after another (SQLite has one writer
 * anyway) inside one database transaction, each in its own savepoint, and one COMMIT acknowledges all of
 * them once the WAL is fsynced (commitDurably: the sync runs off the main thread, so the next batch does its
 * work meanwhile). A caller's promise resolves only after that sync, so nothing is acknowledged before it is
 * durable; a callback that throws is rolled back to its savepoint alone. better-sqlite3 answers
 * synchronously, so concurrent requests never overlap inside a callback; the batch therefore commits one
 * event-loop turn after its last member (setImmediate), which lets every request that is ready in that turn
 * join it, or at MAX_BATCH members. A lone request waits one turn.
 */
const MAX_BATCH = 256;
// Compiled once: building these through Kysely for every member was a visible share of a member's CPU.
const SAVEPOINT = CompiledQuery.raw('savepoint etalase_member');
const RELEASE = CompiledQuery.raw('release savepoint etalase_member');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint etalase_member');

interface Member {
  resolve: () => void;
  reject: (e: unknown) => void;
}
interface Batch {
  trx: ControlledTransaction<Database>;
  members: Member[];
}

export class GroupCommit {
  private batch: Batch | null = null;
  private waiting: (() => void)[] = [];
  private busy = false;
  private flushScheduled = false;
  private readonly database: Db;

  constructor(database: Db) {
    this.database = database;
  }

  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    await this.acquire();
    let batch: Batch;
    try {
      batch = this.batch ??= { trx: await this.database.startTransaction().execute(), members: [] };
    } catch (e) {
      this.release();
      throw e;
    }
    let result: T;
    // The batch's transaction holds the one connection: its savepoints run on it directly (as prepared.ts does).
    const direct = sqliteStatements();
    try {
      if (direct) direct.prepare(SAVEPOINT.sql).run();
      else await batch.trx.executeQuery(SAVEPOINT);
    } catch (e) {
      await this.fail(batch, e);
      this.release();
      throw e;
    }
    try {
      result = await fn(batch.trx);
      if (direct) direct.prepare(RELEASE.sql).run();
      else await batch.trx.executeQuery(RELEASE);
    } catch (e) {
      try {
        await batch.trx.executeQuery(ROLLBACK_TO);
        await batch.trx.executeQuery(RELEASE);
      } catch (inner) {
        // The savepoint is gone (SQLite rolled the whole transaction back): fail the whole batch.
        await this.fail(batch, inner);
        this.release();
        throw e;
      }
      this.release();
      throw e;
    }
    const committed = new Promise<void>((resolve, reject) => batch.members.push({ resolve, reject }));
    if (batch.members.length >= MAX_BATCH) {
      this.batch = null;
      void this.commit(batch);
    }
    this.release();
    await committed;
    return result;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A member still running (awaiting something outside the database) schedules the flush again when it ends.
      if (this.busy) return;
      const open = this.batch;
      if (!open) return;
      this.batch = null;
      if (open.members.length) void this.commit(open);
      else
        void open.trx
          .rollback()
          .execute()
          .catch(() => {});
    });
  }

  private async commit(batch: Batch): Promise<void> {
    try {
      await commitDurably(batch.trx);
      for (const m of batch.members) m.resolve();
    } catch (e) {
      // A failed COMMIT (disk full, I/O error) leaves Kysely's transaction open on the one connection; without
      // the rollback every later transaction would wait for that connection forever.
      await batch.trx
        .rollback()
        .execute()
        .catch(() => {});
      for (const m of batch.members) m.reject(e);
    }
  }

  private async fail(batch: Batch, e: unknown): Promise<void> {
    if (this.batch === batch) this.batch = null;
    await batch.trx
      .rollback()
      .execute()
      .catch(() => {});
    for (const m of batch.members) m.reject(e);
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else {
      this.busy = false;
      if (this.batch) this.scheduleFlush();
    }
  }
}
