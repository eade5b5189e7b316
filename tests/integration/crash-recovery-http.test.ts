import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DEMO_PASSWORD, type TestDatabase } from '#tests/helpers/db.ts';
import { Client } from '#tests/helpers/http.ts';
import { startServer, type TestServer } from '#tests/helpers/server.ts';

const API = '/api/v1/shops/hk05';
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let db: TestDatabase;
let server: TestServer | undefined;

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe(`kill -9 in the middle of a burst of sales (${dbName})`, () => {
  it('keeps every sale that was answered 2xx, exactly once, with clean books after the restart', async () => {
    db = await createTestDatabase();
    server = await startServer({ db, keepDb: true });
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const products = (await (await owner.get(`${API}/products`)).json()) as {
      products: { id: string; stockStatus: string; variants: unknown[] }[];
    };
    const ids = products.products.filter((p) => p.stockStatus === 'in_stock' && p.variants.length === 0).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(1);

    // 8 clients sell one item at a time until the server dies; the kill comes after the 40th answer, with
    // requests still in flight.
    const acked = new Map<string, string>();
    let sent = 0;
    let killed = false;
    const proc = server.proc;
    const exited = new Promise((r) => proc.once('exit', r));
    const client = async (c: number) => {
      for (let i = 0; !killed; i++) {
        const key = `crash-${c}-${i}`;
        sent++;
        try {
          const r = await owner.request(`${API}/quick-sales`, {
            method: 'POST',
            json: {
              channel: 'stall',
              payment: 'cash',
              items: [{ productId: ids[(c + i) % ids.length], quantity: 1 }],
              idempotencyKey: key,
            },
          });
          if (r.status === 201) acked.set(key, ((await r.json()) as { code: string }).code);
          // A product sold out (409) is a fair answer; anything else is a fault.
          else expect(r.status).toBe(409);
        } catch (e) {
          if (!killed) throw e;
        }
        if (acked.size >= 40 && !killed) {
          killed = true;
          proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    await exited;
    expect(sent).toBeGreaterThan(acked.size);

    server = await startServer({ db, keepDb: true });
    const after = new Client(server.url);
    await after.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    for (const code of acked.values()) {
      const found = (await (await after.get(`${API}/orders?q=${code}`)).json()) as { orders: { code: string }[] };
      expect(found.orders.filter((o) => o.code === code)).toHaveLength(1);
    }
    // Sending an acknowledged sale again finds it; nothing is recorded twice.
    const [key, code] = [...acked][0]!;
    const [c, i] = key.split('-').slice(1).map(Number) as [number, number];
    const replay = await after.request(`${API}/quick-sales`, {
      method: 'POST',
      json: { channel: 'stall', payment: 'cash', items: [{ productId: ids[(c + i) % ids.length], quantity: 1 }], idempotencyKey: key },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { code: string }).code).toBe(code);

    const check = spawnSync(process.execPath, ['scripts/ledger-check.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...db.env },
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
