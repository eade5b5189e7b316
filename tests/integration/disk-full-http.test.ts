import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestDatabase } from '#tests/helpers/db.ts';
import { Client } from '#tests/helpers/http.ts';
import { startServer, type TestServer } from '#tests/helpers/server.ts';

/**
 * A real full disk: the server's SQLite file and DATA_DIR live on a small tmpfs that the test fills. Needs
 * root and mount (the CI machines have both); SQLite only — a PostgreSQL server's disk is its own.
 */
const dir = process.env.DATABASE_URL ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-full-'));
const mounted = !!dir && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', dir]).status === 0;
if (dir && !mounted) {
  fs.rmSync(dir, { recursive: true, force: true });
  console.warn('[disk-full] skipped: cannot mount a tmpfs here (needs root)');
}

const API = '/api/v1/shops/hk05';
let server: TestServer;
let owner: Client;
let productId: string;
const sqlitePath = path.join(dir, 'etalase.sqlite');
const filler = path.join(dir, 'filler');

function fillDisk() {
  const fd = fs.openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 4096, 512]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

const sale = (key: string) =>
  owner.request(`${API}/quick-sales`, {
    method: 'POST',
    json: { channel: 'stall', payment: 'cash', items: [{ productId, quantity: 1 }], idempotencyKey: key },
  });
const orderCount = async () => {
  const db = new Sqlite(sqlitePath, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from orders').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe.skipIf(!mounted)('a full disk (sqlite)', () => {
  beforeAll(async () => {
    const env = { SQLITE_PATH: sqlitePath, DATA_DIR: dir, DATABASE_URL: '' };
    const db: TestDatabase = {
      dialect: 'sqlite',
      dir,
      env,
      appEnv: env,
      drop: async () => {},
    };
    server = await startServer({ db, keepDb: true });
    owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const products = (await (await owner.get(`${API}/products`)).json()) as {
      products: { id: string; stockStatus: string; variants: unknown[] }[];
    };
    productId = products.products.find((p) => p.stockStatus === 'in_stock' && p.variants.length === 0)!.id;
    expect((await sale('before-full')).status).toBe(201);
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
    spawnSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with a clear message, keeps nothing half-written, and works again once there is space', async () => {
    // The write-ahead log emptied (the server is idle, so nothing is lost), then the disk filled: the next
    // commit has to grow the log and cannot.
    const probe = new Sqlite(sqlitePath);
    probe.pragma('busy_timeout = 10000');
    const [ckpt] = probe.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    probe.close();
    expect(ckpt!.busy).toBe(0);
    const before = await orderCount();
    fillDisk();

    const full = await sale('during-full');
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('60');
    const body = (await full.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('storage_unavailable');
    expect(body.error.message).toContain('tidak dapat menyimpan');
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|disk is full|\/tmp\//);
    // Reading still works while nothing can be written.
    expect((await owner.get(`${API}/orders`)).status).toBe(200);

    fs.rmSync(filler);
    expect(await orderCount()).toBe(before);
    // The same request again: applied once, now that there is room (the failed commit left the server usable).
    const again = await sale('during-full');
    expect(again.status).toBe(201);
    const replay = await sale('during-full');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await orderCount()).toBe(before + 1);
    const check = spawnSync(process.execPath, ['scripts/ledger-check.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...server.db.env },
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
