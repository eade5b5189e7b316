import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { FREE_FAILURES } from '#server/auth/rate-limit.ts';
import pg from 'pg';

/**
 * Two built app servers against one PostgreSQL database (README "Running more than one app server"), each as
 * the app's own role under row-level security: a session made on one is good on the other, concurrent orders
 * for one shop through both never oversell and get distinct codes, a confirmation raced on both posts once,
 * a product edited on one shows on the other's cached catalog, and the sign-in throttle counts across both.
 */
const onPg = Boolean(process.env.DATABASE_URL);
const root = path.resolve(import.meta.dirname, '../..');
const env = {
  TRUST_PROXY: '1',
  PASSWORD_BACKOFF_SECONDS: '3600',
  // Read the shop's page version on every request, so "B shows A's edit" is checked on the very next request;
  // the default memo (1 s) bounds how late it can show, see README.
  PAGE_CACHE_VERSION_TTL_MS: '0',
};

describe.runIf(onPg)('two app servers on one PostgreSQL database', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startServer({ env });
    b = await startServer({ env, db: a.db, keepDb: true });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('a session made on A is good on B, and signing out on B ends it on A', async () => {
    const onA = new Client(a.url);
    await onA.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const onB = new Client(b.url);
    onB.cookies = new Map(onA.cookies);
    const me = (await (await onB.get('/api/v1/session')).json()) as { user: { email: string } | null };
    expect(me.user?.email).toBe('pemilik@hk05.test');
    expect((await onB.get('/api/v1/shops/hk05/orders')).status).toBe(200);
    expect((await onB.request('/api/v1/session', { method: 'DELETE' })).status).toBeLessThan(300);
    expect((await onA.get('/api/v1/shops/hk05/orders')).status).toBe(401);
  });

  it('orders placed on A and B at once never oversell, get distinct codes, and a raced confirmation posts once', async () => {
    const owner = new Client(a.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const stockOf = async (slug: string) => {
      const c = new pg.Client({ connectionString: a.db.env.DATABASE_URL });
      await c.connect();
      try {
        return (
          await c.query<{ stock: number }>(
            `select stock from products where slug = $1 and shop_id = (select id from shops where slug = 'hk05')`,
            [slug],
          )
        ).rows[0]!.stock;
      } finally {
        await c.end();
      }
    };
    const box = { slug: 'telur-asin-bakar-isi-10' };
    const stock = await stockOf(box.slug);
    expect(stock).toBeGreaterThan(0);
    const quantity = 3;
    const attempts = Math.ceil(stock / quantity) + 6; // more than the stock can serve
    const placed = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        new Client(i % 2 ? b.url : a.url).request('/api/v1/shops/hk05/orders', {
          method: 'POST',
          headers: { 'x-forwarded-for': `203.0.113.${10 + i}` },
          json: {
            items: [{ product: box.slug, quantity }],
            customerName: `Pembeli ${i}`,
            customerPhone: `0852${String(41000000 + i)}`,
            delivery: 'pickup',
            payment: 'whatsapp',
          },
        }),
      ),
    );
    const statuses = placed.map((r) => r.status);
    expect(
      statuses.filter((s) => s !== 201 && s !== 400),
      JSON.stringify(statuses),
    ).toEqual([]);
    // A refusal is the stock running short (400 naming the items), never a server error.
    for (const r of placed.filter((x) => x.status === 400)) expect(await r.clone().text()).toContain('"fields":{"items"');
    const accepted = await Promise.all(placed.filter((r) => r.status === 201).map((r) => r.json() as Promise<{ code: string }>));
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length * quantity).toBeLessThanOrEqual(stock);
    expect(new Set(accepted.map((o) => o.code)).size).toBe(accepted.length);
    // Both servers were used for the accepted orders (alternating clients; neither server refused everything).
    expect(new Set(placed.map((r, i) => (r.status === 201 ? i % 2 : -1)).filter((x) => x >= 0)).size).toBe(2);

    // Each order confirmed through A and B at the same moment: exactly one of the two changes it.
    const ownerB = new Client(b.url);
    ownerB.cookies = new Map(owner.cookies);
    const moves = await Promise.all(
      accepted.flatMap((o) => [owner, ownerB].map((c) => c.post(`/api/v1/shops/hk05/orders/${o.code}/transitions`, { to: 'confirmed' }))),
    );
    const bodies = (await Promise.all(moves.map((m) => m.json()))) as { changed: boolean }[];
    expect(moves.map((m) => m.status).filter((s) => s !== 200)).toEqual([]);
    expect(bodies.filter((x) => x.changed).length).toBe(accepted.length);
    const left = await stockOf(box.slug);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBe(stock - accepted.length * quantity);

    // The books: every entry balances and the stock matches its movements (as the owner, like a maintenance job).
    const check = spawnSync(process.execPath, [path.join(root, 'scripts/ledger-check.ts')], {
      cwd: root,
      env: { ...process.env, ...a.db.env },
      encoding: 'utf8',
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("a product edited on A shows on B's catalog at once, with a new ETag", async () => {
    const owner = new Client(a.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const visitor = new Client(b.url);
    const first = await visitor.get('/hk05');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await visitor.request('/hk05', { headers: { 'if-none-match': etag! } })).status).toBe(304);
    const products = (await (await owner.get('/api/v1/shops/hk05/products')).json()) as { products: { id: string; slug: string }[] };
    const sambal = products.products.find((p) => p.slug === 'sambal-telur-asin')!;
    const edited = await owner.request(`/api/v1/shops/hk05/products/${sambal.id}`, {
      method: 'PATCH',
      json: { name: 'Sambal Dua Server' },
    });
    expect(edited.status).toBe(200);
    const again = await visitor.request('/hk05', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).not.toBe(etag);
    expect(await again.text()).toContain('Sambal Dua Server');
  });

  it('the sign-in throttle counts failures made on either server', async () => {
    const id = 'pemilik@roti-balang.test';
    // Wrong passwords alternately on A and B until one is throttled: counted per process, each server would
    // let FREE_FAILURES through on its own (twice as many in all).
    const seen: number[] = [];
    for (let i = 0; i < 2 * FREE_FAILURES && !seen.includes(429); i++) {
      seen.push((await new Client(i % 2 ? b.url : a.url).post('/api/v1/session', { identifier: id, password: `salah-${i}` })).status);
    }
    expect(seen.filter((s) => s !== 400 && s !== 429)).toEqual([]);
    expect(seen).toContain(429);
    expect(seen.filter((s) => s === 400).length).toBeLessThanOrEqual(FREE_FAILURES);
    // Then, on either server, the back-off holds even for the right password.
    expect((await new Client(a.url).post('/api/v1/session', { identifier: id, password: DEMO_PASSWORD })).status).toBe(429);
    expect((await new Client(b.url).post('/api/v1/session', { identifier: id, password: DEMO_PASSWORD })).status).toBe(429);
  });
});
