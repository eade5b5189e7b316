import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the WAL on a worker thread with its own connection, so that copying WAL pages into the database file
 * and fsyncing it run on another core. SQLite's autocheckpoint ran them inside a COMMIT on the main thread (every
 * 1000 pages), about half of a batch's commit time in the ledger bench, fsync of the database file included. The
 * app connection sets wal_autocheckpoint=0. A PASSIVE checkpoint never takes the write lock, so the worker never
 * makes a writer wait.
 *
 * The WAL restarts from its beginning when a write transaction begins after a checkpoint copied all of it; under a
 * steady stream of batches that moment rarely comes, so once the WAL holds more than RESTART_FRAMES frames the next
 * BEGIN (beforeBegin) first waits for one checkpoint of what remains (small: the worker keeps up), then begins, and
 * SQLite restarts the log: the WAL stays bounded (about 64 MB with 4 KB pages). SQLite's own crash safety covers
 * checkpoints, so a kill -9 at any point is recovered at the next open as before.
 */
const POLL_MS = 100;
const RESTART_FRAMES = 16384;

// The worker is plain JavaScript passed as a string, so it survives bundling (astro build) unchanged.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
let timer = null;
const checkpoint = () => {
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    return { log: r.log, checkpointed: r.checkpointed };
  } catch (e) {
    return { error: String(e && e.message || e) };
  }
};
const poll = () => {
  timer = null;
  parentPort.postMessage({ kind: 'poll', ...checkpoint() });
  timer = setTimeout(poll, workerData.pollMs);
};
parentPort.on('message', (m) => {
  if (m.kind === 'drain') parentPort.postMessage({ kind: 'drained', ...checkpoint() });
  else if (m.kind === 'close') {
    if (timer) clearTimeout(timer);
    db.close();
    parentPort.close();
  }
});
timer = setTimeout(poll, workerData.pollMs);
`;

interface Result {
  kind: 'poll' | 'drained';
  log?: number;
  checkpointed?: number;
  error?: string;
}

export class Checkpointer {
  private readonly worker: Worker;
  private frames = 0;
  private draining: Promise<void> | null = null;
  private drained: (() => void) | null = null;
  private closed = false;
  private readonly onFailure: () => void;

  constructor(file: string, driver: string, onFailure: () => void) {
    this.onFailure = onFailure;
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver, pollMs: POLL_MS } });
    this.worker.unref();
    this.worker.on('message', (m: Result) => {
      // Even a WAL copied in full needs the wait: under steady load a commit lands before the next BEGIN, which
      // then finds uncopied frames and appends instead of restarting.
      if (typeof m.log === 'number') this.frames = m.log;
      if (m.kind === 'drained') {
        this.drained?.();
        this.drained = null;
      }
    });
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  /** Resolves at once unless the WAL is long enough that the next transaction should restart it. */
  beforeBegin(): Promise<void> | undefined {
    if (this.frames < RESTART_FRAMES || this.closed) return undefined;
    this.draining ??= new Promise<void>((resolve) => {
      // Waiting for the worker's answer must keep the process alive (the worker is otherwise unref'd).
      this.worker.ref();
      this.drained = () => {
        this.worker.unref();
        this.draining = null;
        this.frames = 0;
        resolve();
      };
      this.worker.postMessage({ kind: 'drain' });
    });
    return this.draining;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ kind: 'close' });
    await exited;
  }

  /** Without the worker, SQLite's own autocheckpoint must bound the WAL again. */
  private fail(): void {
    const wasClosed = this.closed;
    this.closed = true;
    this.frames = 0;
    this.drained?.();
    this.drained = null;
    if (!wasClosed) this.onFailure();
  }
}
