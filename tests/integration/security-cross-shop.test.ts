import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { shopFixture, type ShopFixture } from '../helpers/security-fixture.ts';
import { shopDigest } from '../helpers/db-digest.ts';
import { fillRoute } from '../helpers/routes.ts';
import { jsonSchemaOf, validArb } from '../helpers/schema-arbitrary.ts';
import { testPhoto } from '../helpers/shop-data.ts';
import type { Client } from '../helpers/http.ts';
import { ROUTES } from '#server/http/routes.ts';
import type { RouteDef } from '#server/http/api.ts';
import { CAPABILITIES, PAGE_CAPABILITIES, type Role } from '#server/auth/access.ts';
import { db } from '#server/db/index.ts';

/**
 * Issue 14, "every route with every role against another shop's data": shop B's owner and staff use their
 * OWN shop's URL with shop A's row ids, on every id-bearing API operation of the route table and every
 * id-bearing dashboard page and form. Each answer is 404 (403 where B's role lacks the capability, which says
 * nothing about A's row), and shop A's rows are byte-for-byte what they were (a digest of every table with
 * shop_id, read from the database).
 */
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
let fx: ShopFixture;
const NOT_IDS = new Set(['shop', 'report']);

beforeAll(async () => {
  server = await startServer();
  fx = await shopFixture(server);
  // Param values that name shop A's rows where a page calls them differently from the API.
  fx.idsA.cashBookId = String(
    (await db().selectFrom('cash_book').select('id').where('shop_id', '=', fx.shopA).executeTakeFirstOrThrow()).id,
  );
}, 900_000);
afterAll(async () => {
  await fx?.close();
  await server?.stop();
});

type Op = [string, RouteDef];
const idOps = (Object.entries(ROUTES) as Op[]).filter(
  ([, d]) => d.path.startsWith('/api/v1/shops/{shop}/') && [...d.path.matchAll(/\{(\w+)\}/g)].some((m) => !NOT_IDS.has(m[1]!)),
);

/** A body the route's schema accepts (so the request reaches the row lookup), from its zod schema. */
function validBody(def: RouteDef): unknown {
  if (!def.body) return undefined;
  const found = fc.sample(validArb(jsonSchemaOf(def.body)), { seed: 14, numRuns: 400 }).find((b) => def.body!.safeParse(b).success);
  return found ?? {};
}

function validQuery(def: RouteDef): string {
  if (!def.query) return '';
  const schema = jsonSchemaOf(def.query) as { properties?: Record<string, { description?: string }> };
  const q = (fc.sample(validArb(schema), { seed: 14, numRuns: 200 }).find((b) => def.query!.safeParse(b).success) ?? {}) as Record<
    string,
    unknown
  >;
  // A plain string the domain checks against choices its description lists ("png | pdf | sheet"): the first choice.
  for (const [k, p] of Object.entries(schema.properties ?? {})) {
    const choice = /^(\w+)(?: \| \w+)+/.exec(p.description ?? '')?.[1];
    if (choice) q[k] = choice;
  }
  return Object.keys(q).length ? `?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}` : '';
}

async function send(c: Client, def: RouteDef, url: string): Promise<Response> {
  const method = def.method.toUpperCase();
  if (def.upload || def.path.endsWith('/design-images')) {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(await testPhoto())], { type: 'image/jpeg' }), 'foto.jpg');
    return c.request(url, { method, body: fd });
  }
  const body = validBody(def);
  return c.request(url + (method === 'GET' ? validQuery(def) : ''), { method, ...(body !== undefined ? { json: body } : {}) });
}

/** 404, or 403 where B's role lacks the capability in its own shop (public and signed-in routes: always 404). */
const expected = (role: Role, capability: string | undefined) =>
  !capability || (CAPABILITIES[capability as keyof typeof CAPABILITIES].roles as readonly Role[]).includes(role) ? 404 : 403;

describe(`shop B's people with shop A's ids in their own shop's URLs (${dbName})`, () => {
  it('the route table has id-bearing shop operations, and every id param has a row of shop A', () => {
    expect(idOps.length).toBeGreaterThanOrEqual(20);
    for (const [, d] of idOps) expect(() => fillRoute(d.path, { shop: 'roti-balang', ...fx.idsA })).not.toThrow();
  });

  it('every id-bearing API operation answers 404 (403 for a missing capability) and writes nothing in shop A', async () => {
    const failures: string[] = [];
    let reached = 0;
    const before = await shopDigest(fx.shopA);
    for (const [name, def] of idOps) {
      const url = fillRoute(def.path, { shop: 'roti-balang', ...fx.idsA });
      const capability = (def.access as { capability?: string }).capability;
      for (const [role, client] of [
        ['owner', fx.ownerB],
        ['staff', fx.staffB],
      ] as const) {
        const res = await send(client, def, url);
        const body = await res.text();
        const want = expected(role, capability);
        if (res.status !== want)
          failures.push(`${role} of B ${name} ${def.method.toUpperCase()} ${url}: want ${want}, got ${res.status} ${body}`);
        if (want === 404 && res.status === 404) reached++;
        for (const secret of Object.values(fx.idsA))
          if (secret.length > 12 && body.includes(secret)) failures.push(`${name}: answer names ${secret}`);
      }
      const now = await shopDigest(fx.shopA);
      const changed = Object.keys(before).filter((t) => before[t] !== now[t]);
      if (changed.length) failures.push(`${name} changed shop A's ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(reached).toBeGreaterThanOrEqual(idOps.length);
  });

  it('the same bodies reach the row for shop A itself: the 404s above are about the row, not the body', async () => {
    // Reads only: a write with a valid body would change shop A, which the test above must not see.
    const misses: string[] = [];
    // The public order status also wants the customer's link token, which is not a row id: left out here.
    for (const [name, def] of idOps.filter(([, d]) => d.method === 'get' && d.access.kind !== 'public')) {
      const res = await send(fx.ownerA, def, fillRoute(def.path, { shop: 'hk05', ...fx.idsA }));
      if (res.status === 404) misses.push(`${name}: ${res.status} ${await res.text()}`);
    }
    expect(misses).toEqual([]);
  });
});

/** Every page file and page endpoint under /dashboard/[shop] that takes a param besides the shop. */
function dashboardIdPages(): string[] {
  const root = path.resolve(import.meta.dirname, '../../src/pages');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(astro|ts)$/.test(e.name)) {
        const pattern =
          '/' +
          path
            .relative(root, p)
            .replace(/\.(astro|ts)$/, '')
            .replace(/(^|\/)index$/, '');
        if ([...pattern.matchAll(/\[(\w+)\]/g)].some((m) => m[1] !== 'shop')) out.push(pattern);
      }
    }
  };
  walk(path.join(root, 'dashboard/[shop]'));
  return out.sort();
}

// Page params name shop A's rows: a cash-book record's receipt, a template and file name that exist.
const pageSamples = () => ({ shop: 'roti-balang', ...fx.idsA, template: 'label-bulat', file: 'original' });
const pageParamsFor = (pattern: string) => (pattern.includes('/kas/nota/') ? { ...pageSamples(), id: fx.idsA.cashBookId! } : pageSamples());

/** The post forms of a page's HTML: action and fields, once per submit button that names an action. */
function forms(html: string): { action: string; fields: Record<string, string> }[] {
  const out: { action: string; fields: Record<string, string> }[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const fields: Record<string, string> = {};
    for (const i of m[2]!.matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(i[1]!)?.[1];
      if (!name || /type="(submit|file)"/.test(i[1]!)) continue;
      fields[name] = /value="([^"]*)"/.exec(i[1]!)?.[1] ?? '1';
    }
    for (const s of m[2]!.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>[\s\S]*?<option[^>]*value="([^"]*)"/g)) fields[s[1]!] = s[2]!;
    for (const t of m[2]!.matchAll(/<textarea\b[^>]*name="([^"]+)"/g)) fields[t[1]!] = 'uji';
    const buttons = [...m[2]!.matchAll(/<button\b[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)];
    if (buttons.length === 0) out.push({ action, fields });
    for (const b of buttons) out.push({ action, fields: { ...fields, [b[1]!]: b[2]! } });
  }
  return out;
}

describe(`dashboard pages and their forms with shop A's ids under shop B's URL (${dbName})`, () => {
  it('every id-bearing page answers 404 to B (403 where the role lacks the capability)', async () => {
    const pages = dashboardIdPages();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const pattern of pages) {
      const url = fillRoute(pattern, pageParamsFor(pattern));
      const capability = PAGE_CAPABILITIES[pattern];
      for (const [role, client] of [
        ['owner', fx.ownerB],
        ['staff', fx.staffB],
      ] as const) {
        const res = await client.get(url);
        const want = capability ? expected(role, capability) : 404;
        // Page endpoints (receipts, QRIS, templates) guard with their own capability: a refusal either way reveals nothing.
        const ok = res.status === want || (!capability && (res.status === 404 || (role === 'staff' && res.status === 403)));
        if (!ok) failures.push(`${role} of B GET ${url}: want ${want}, got ${res.status}`);
        const text = await res.text();
        if (text.includes('Pembeli Uji')) failures.push(`${url} shows shop A's customer`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("every form of shop A's id pages, posted by B under B's URL, is refused and writes nothing in shop A", async () => {
    const failures: string[] = [];
    let posted = 0;
    const before = await shopDigest(fx.shopA);
    for (const pattern of dashboardIdPages().filter((p) => !/\.\w+$/.test(p) && !p.includes('/kas/nota/'))) {
      const urlA = fillRoute(pattern, { ...pageParamsFor(pattern), shop: 'hk05' });
      const html = await (await fx.ownerA.get(urlA)).text();
      for (const f of forms(html)) {
        const target = (f.action || urlA).replace('/dashboard/hk05/', '/dashboard/roti-balang/');
        if (!target.startsWith('/dashboard/roti-balang/')) continue;
        for (const [role, client] of [
          ['owner', fx.ownerB],
          ['staff', fx.staffB],
        ] as const) {
          const res = await client.form(target, f.fields);
          posted++;
          const capability = PAGE_CAPABILITIES[pattern]!;
          const want = expected(role, capability);
          if (res.status !== want && !(role === 'staff' && res.status === 403))
            failures.push(`${role} of B POST ${target} ${JSON.stringify(f.fields)}: want ${want}, got ${res.status}`);
        }
      }
    }
    const after = await shopDigest(fx.shopA);
    expect(Object.keys(before).filter((t) => before[t] !== after[t])).toEqual([]);
    expect(failures).toEqual([]);
    expect(posted).toBeGreaterThanOrEqual(4);
  });
});
