/**
 * `npm run load` — many shoppers at once against the public side, on the real built server:
 *   a fresh SQLite database with the demo program, hk05 topped up to 40 published products with photos (as
 *   `npm run bench`); then N clients, each in a loop for S seconds: the catalog page (/hk05), a product page,
 *   an order placed through the public API, and that order's status page. Orders go to Roti Balang's bread
 *   (made to order, stock not counted), so a long run does not sell out and turn into 409s.
 * Every client is its own visitor: the server runs with TRUST_PROXY=1 (one proxy in front, off by default) and
 * each client sends its own X-Forwarded-For address and phone number, so the per-visitor order limits apply as
 * they would to real visitors (none of them is loosened).
 * Prints p50/p90/p99/max, requests, errors and non-2xx per endpoint, with the load average; checks afterwards
 * that every order answered with 201 is in the database; exits non-zero on any error, non-2xx or missing order.
 * Options: --clients N (200), --seconds S (60), --json FILE (rows of the bench JSON contract, group 'load').
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { argNumber, argValue, ensureBuilt, startBuiltServer, type RunningServer } from './bench-lib.ts';

const args = process.argv.slice(2);
const CLIENTS = argNumber(args, '--clients', 200);
const SECONDS = argNumber(args, '--seconds', 60);
const JSON_OUT = argValue(args, '--json');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-load-'));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATA_DIR: dir,
  SQLITE_PATH: path.join(dir, 'load.sqlite'),
  DATABASE_URL: '',
  DEMO_PASSWORD: 'load-password-123',
  ASTRO_TELEMETRY_DISABLED: '1',
  TRUST_PROXY: '1',
  ETALASE_SEED_HISTORY: '0',
};
Object.assign(process.env, env);
delete process.env.DATABASE_URL;
if (!process.env.ETALASE_SKIP_BUILD) ensureBuilt(env);

console.log('[load] seeding a fresh SQLite database: demo program, hk05 with 40 published products…');
const { prepareDatabase } = await import('./prepare-db.ts');
await prepareDatabase({ seed: true, log: false });
const { db, closeDb } = await import('../src/server/db/index.ts');
const { addDemoCatalog } = await import('../db/demo-catalog.ts');
await addDemoCatalog(db(), { shopSlug: 'hk05', count: 40, photoSize: 600, distinctPhotos: 8 });
const product = await db()
  .selectFrom('products')
  .innerJoin('shops', 'shops.id', 'products.shop_id')
  .select('products.slug')
  .where('shops.slug', '=', 'hk05')
  .where('products.status', '=', 'published')
  .orderBy('products.sort_order')
  .executeTakeFirstOrThrow();
await closeDb();

type Endpoint = 'catalog' | 'product' | 'order' | 'status';
const ENDPOINTS: Endpoint[] = ['catalog', 'product', 'order', 'status'];
const stats = Object.fromEntries(
  ENDPOINTS.map((e) => [e, { ms: [] as number[], non2xx: 0, errors: 0, statuses: {} as Record<number, number> }]),
) as Record<Endpoint, { ms: number[]; non2xx: number; errors: number; statuses: Record<number, number> }>;
const placed: string[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 8 });

function request(method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(name: Endpoint, method: string, url: string, headers: Record<string, string>, body?: string) {
  const s = stats[name];
  const t = performance.now();
  try {
    const r = await request(method, url, headers, body);
    s.ms.push(performance.now() - t);
    s.statuses[r.status] = (s.statuses[r.status] ?? 0) + 1;
    if (r.status < 200 || r.status > 299) s.non2xx++;
    return r;
  } catch (e) {
    s.errors++;
    if (s.errors <= 3) console.error(`[load] ${name}: ${(e as Error).message}`);
    return null;
  }
}

let seq = 0;
async function client(i: number, until: number): Promise<void> {
  // A visitor of its own: its address (TRUST_PROXY=1 reads the last X-Forwarded-For hop) and phone number.
  const ip = `10.${(i >> 8) & 255}.${i & 255}.${1 + (i % 250)}`;
  const headers = { 'x-forwarded-for': ip, 'accept-encoding': 'br, gzip', 'accept-language': 'id' };
  while (Date.now() < until) {
    await timed('catalog', 'GET', `${base}/hk05`, headers);
    await timed('product', 'GET', `${base}/hk05/p/${product.slug}`, headers);
    const n = ++seq;
    const order = await timed(
      'order',
      'POST',
      `${base}/api/v1/shops/roti-balang/orders`,
      { ...headers, 'content-type': 'application/json', origin: base, 'idempotency-key': `load-${process.pid}-${n}` },
      JSON.stringify({
        items: [{ product: 'roti-pisang', quantity: 1 }],
        customerName: `Pembeli ${n}`,
        customerPhone: `0852${String(10_000_000 + n).slice(-8)}`,
        delivery: 'pickup',
        payment: 'whatsapp',
      }),
    );
    if (order?.status !== 201) continue;
    const placedOrder = JSON.parse(order.body) as { code: string; statusUrl: string };
    placed.push(placedOrder.code);
    await timed('status', 'GET', new URL(placedOrder.statusUrl, base).toString(), headers);
  }
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;

let server: RunningServer | undefined;
let base = '';
let failed = false;
try {
  server = await startBuiltServer(env);
  base = server.base;
  const loadBefore = os.loadavg();
  console.log(
    `[load] server ${base} (pid ${server.proc.pid}); ${CLIENTS} clients for ${SECONDS} s; ${os.cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const started = Date.now();
  const until = started + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i, until)));
  const elapsed = (Date.now() - started) / 1000;
  const loadAfter = os.loadavg();

  // Every order the server acknowledged with 201 is in the database.
  const { db: d, closeDb: close } = await import('../src/server/db/index.ts');
  const found = new Set<string>();
  for (let i = 0; i < placed.length; i += 500) {
    const rows = await d()
      .selectFrom('orders')
      .select('code')
      .where('code', 'in', placed.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.code);
  }
  await close();
  const missing = placed.filter((c) => !found.has(c)).length;
  const duplicateCodes = placed.length - new Set(placed).size;

  console.log(`\n== ${CLIENTS} clients, ${elapsed.toFixed(1)} s; load average after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} ==`);
  console.log('endpoint   requests   req/s     p50     p90     p99     max  non-2xx  errors  statuses');
  const rows: Record<string, unknown>[] = [];
  for (const e of ENDPOINTS) {
    const s = stats[e];
    const sorted = [...s.ms].sort((a, b) => a - b);
    const [p50, p90, p99, max] = [pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.at(-1) ?? 0];
    const n = s.ms.length + s.errors;
    console.log(
      `${e.padEnd(9)} ${String(n).padStart(9)} ${(n / elapsed).toFixed(1).padStart(7)} ${[p50, p90, p99, max].map((v) => v.toFixed(0).padStart(7)).join(' ')} ${String(s.non2xx).padStart(8)} ${String(s.errors).padStart(7)}  ${JSON.stringify(s.statuses)}`,
    );
    rows.push({
      group: 'load',
      name: `${e} (${CLIENTS} clients, ${SECONDS} s)`,
      unit: 'ms',
      median: Number(p50.toFixed(1)),
      p90: Number(p90.toFixed(1)),
      p99: Number(p99.toFixed(1)),
      max: Number(max.toFixed(1)),
      requests: n,
      rps: Number((n / elapsed).toFixed(1)),
      non2xx: s.non2xx,
      errors: s.errors,
      clients: CLIENTS,
      seconds: SECONDS,
      loadavg: loadAfter.map((l) => Number(l.toFixed(2))),
    });
    if (s.errors || s.non2xx) failed = true;
  }
  console.log(`orders placed (201): ${placed.length}; missing from the database: ${missing}; duplicate codes: ${duplicateCodes}`);
  rows.push({
    group: 'load',
    name: `orders placed (${CLIENTS} clients, ${SECONDS} s)`,
    unit: 'orders',
    median: placed.length,
    p99: placed.length,
    missing,
    duplicateCodes,
  });
  if (missing || duplicateCodes || placed.length === 0) failed = true;
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify(rows, null, 2));
  if (server.proc.exitCode !== null) {
    console.error(`[load] the server died:\n${server.output().slice(-4000)}`);
    failed = true;
  } else if (failed) console.error(`[load] server output (tail):\n${server.output().slice(-4000)}`);
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  agent.destroy();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? '[load] FAILED: errors, non-2xx answers or missing orders' : '[load] OK: no errors');
process.exit(failed ? 1 : 0);
