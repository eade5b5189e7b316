import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { count } from '../helpers/full.ts';

/**
 * `npm run load` (scripts/load.ts) against the built server on a fresh seeded SQLite database: concurrent
 * visitors browse the catalog and a product, place orders through the public API and open their status pages.
 * `npm test` runs 20 clients for 5 s, `npm run test:full` the 200 clients for 60 s. No error, no 5xx, no
 * other non-2xx, and every order answered with 201 is in the database (the script checks the database after the
 * run). Latency is reported, not asserted (speed lives in `npm run bench`). Database-independent: the script
 * always uses its own SQLite file, so it runs once, in the SQLite run.
 */
const clients = count(20, 200);
const seconds = count(5, 60);
const root = path.resolve(import.meta.dirname, '../..');

describe.skipIf(Boolean(process.env.DATABASE_URL))(`load: ${clients} clients for ${seconds} s`, () => {
  it('answers every request without an error or a non-2xx, and keeps every placed order', async () => {
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-load-test-')), 'load.json');
    const proc = spawn(
      process.execPath,
      [path.join(root, 'scripts/load.ts'), '--clients', String(clients), '--seconds', String(seconds), '--json', json],
      {
        cwd: root,
        env: { ...process.env, ETALASE_SKIP_BUILD: '1', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    expect(code, out).toBe(0);
    const rows = JSON.parse(fs.readFileSync(json, 'utf8')) as {
      name: string;
      requests?: number;
      errors?: number;
      non2xx?: number;
      median: number;
      missing?: number;
    }[];
    const endpoints = rows.filter((r) => r.requests !== undefined);
    expect(endpoints.map((r) => r.name.split(' ')[0])).toEqual(['catalog', 'product', 'order', 'status']);
    for (const r of endpoints) {
      expect(r.requests, r.name).toBeGreaterThan(0);
      expect({ name: r.name, errors: r.errors, non2xx: r.non2xx }).toEqual({ name: r.name, errors: 0, non2xx: 0 });
    }
    const orders = rows.find((r) => r.name.startsWith('orders placed'))!;
    expect(orders.median).toBeGreaterThan(0);
    expect(orders.missing).toBe(0);
    // Each placed order's status page was requested once: the count of orders and of status pages agree.
    expect(endpoints.find((r) => r.name.startsWith('status'))!.requests).toBe(orders.median);
    fs.rmSync(path.dirname(json), { recursive: true, force: true });
  });
});
