import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { shopFixture, type ShopFixture } from '../helpers/security-fixture.ts';
import { rowCounts, shopDigest } from '../helpers/db-digest.ts';
import { fillRoute, pageRoutes } from '../helpers/routes.ts';
import { sendChunked } from '../helpers/raw-http.ts';
import { ROUTES } from '#server/http/routes.ts';
import type { RouteDef } from '#server/http/api.ts';
import { DEFAULT_MAX_BODY_BYTES } from '#server/http/body-limits.ts';
import { PAGE_ROUTES } from '#server/http/page-routes.ts';
import { t } from '#i18n/index.ts';

/**
 * Issue 14: form posts and API calls without a matching origin, and bodies the routes must refuse (too
 * large, not JSON, of another type, nested without end). Every unsafe API operation of the route table
 * and every post form the pages render is tried; each is refused, and nothing is written (every table's
 * row count and shop A's rows are compared before and after).
 */
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
let fx: ShopFixture;
let cookie: string;
let officerCookie: string;
let programId: string;
let ip = 0;
// Each request from its own address (TRUST_PROXY=1), so per-address limits never stand in for the refusal under test.
const nextIp = () => `203.0.${Math.floor(ip / 250) % 250}.${(ip++ % 250) + 1}`;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: '1' } });
  fx = await shopFixture(server);
  cookie = [...fx.ownerA.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  officerCookie = [...fx.officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  programId = /name="programId" value="([a-z0-9]+)"/.exec(await (await fx.officer.get('/program')).text())?.[1] ?? 'none';
}, 900_000);
afterAll(async () => {
  await fx?.close();
  await server?.stop();
});

const samples = () => ({ shop: 'hk05', ...fx.idsA, shopId: fx.shopA, programId, licenceId: 'none', trainingId: 'none', surveyId: 'none' });
/** Shop operations as shop A's owner, program operations as the officer: each gets past the guard to its body. */
const cookieOf = (def: RouteDef) => (def.access.kind === 'program' ? officerCookie : cookie);
type Op = [string, RouteDef];
const unsafeOps = (Object.entries(ROUTES) as Op[]).filter(([, d]) => d.method !== 'get');
const jsonOps = unsafeOps.filter(([, d]) => d.body);

/** Every post form the signed-in owner of shop A sees on the pages that take no more than the shop and its ids. */
async function pageForms(): Promise<{ page: string; action: string }[]> {
  const out = new Map<string, { page: string; action: string }>();
  const pages = [...pageRoutes('dashboard/[shop]'), '/akun', '/masuk', '/daftar', '/lupa-sandi', '/[shop]/keranjang', '/[shop]/checkout'];
  for (const pattern of pages) {
    let url: string;
    try {
      url = fillRoute(pattern, { ...samples(), id: fx.idsA.id! });
    } catch {
      continue;
    }
    const html = await (await fx.ownerA.get(url)).text();
    for (const m of html.matchAll(/<form\b([^>]*)>/g)) {
      if (!/method="post"/i.test(m[1]!)) continue;
      const action = (/action="([^"]*)"/.exec(m[1]!)?.[1] ?? url).replace(/&amp;/g, '&') || url;
      if (action.startsWith('/')) out.set(action, { page: url, action });
    }
  }
  return [...out.values()];
}

/** The body cap of the page a form posts to (PAGE_ROUTES, else the default): the largest of the patterns the path matches. */
function pageCap(action: string): number {
  const pathname = action.split('?')[0]!;
  const caps = Object.entries(PAGE_ROUTES)
    .filter(([pattern]) => new RegExp(`^${pattern.replace(/\[\w+\]/g, '[^/]+')}$`).test(pathname))
    .map(([, def]) => def.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  return Math.max(DEFAULT_MAX_BODY_BYTES, ...caps);
}

async function raw(method: string, url: string, headers: Record<string, string>, body?: string | Uint8Array) {
  const res = await fetch(server.url + url, {
    method,
    headers: { cookie, 'x-forwarded-for': nextIp(), ...headers },
    body: body as BodyInit | undefined,
    redirect: 'manual',
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const EVIL = 'https://evil.example';
const variants: { name: string; headers: (self: string) => Record<string, string>; body: string }[] = [
  { name: 'JSON from another site', headers: () => ({ origin: EVIL, 'content-type': 'application/json' }), body: '{}' },
  { name: 'JSON with Origin: null', headers: () => ({ origin: 'null', 'content-type': 'application/json' }), body: '{}' },
  { name: 'form from another site', headers: () => ({ origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }), body: 'a=1' },
  { name: 'form with Origin: null', headers: () => ({ origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }), body: 'a=1' },
  { name: 'form without Origin', headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }), body: 'a=1' },
  { name: 'text/plain without Origin', headers: () => ({ 'content-type': 'text/plain' }), body: '{}' },
  {
    name: 'multipart from another site',
    headers: () => ({ origin: EVIL, 'content-type': 'multipart/form-data; boundary=x' }),
    body: '--x--\r\n',
  },
  { name: 'no type, no Origin', headers: () => ({}), body: '' },
  {
    name: 'another port of this host',
    headers: (self) => ({ origin: self.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`), 'content-type': 'application/json' }),
    body: '{}',
  },
];

const ignored = ['sessions', 'rate_limits', 'audit_log'];

describe(`requests from another origin are refused and write nothing (${dbName})`, () => {
  it('every unsafe API operation and every page form, in every variant: 403', async () => {
    const targets = [
      ...unsafeOps.map(([name, d]) => ({ name, method: d.method.toUpperCase(), url: fillRoute(d.path, samples()) })),
      ...(await pageForms()).map((f) => ({ name: `form on ${f.page}`, method: 'POST', url: f.action })),
    ];
    expect(targets.length).toBeGreaterThanOrEqual(unsafeOps.length + 10);
    const counts = await rowCounts(ignored);
    const digest = await shopDigest(fx.shopA);
    const failures: string[] = [];
    for (const target of targets)
      for (const v of variants) {
        const r = await raw(target.method, target.url, v.headers(server.url), v.body || undefined);
        if (r.status !== 403)
          failures.push(`${v.name}: ${target.method} ${target.url} (${target.name}) answered ${r.status} ${r.text.slice(0, 200)}`);
      }
    expect(failures).toEqual([]);
    expect(await rowCounts(ignored)).toEqual(counts);
    expect(await shopDigest(fx.shopA)).toEqual(digest);
    // The owner's session still works: a refused sign-out from another site did not end it.
    expect((await fx.ownerA.get('/api/v1/session')).status).toBe(200);
  });

  it("an API refusal is JSON in the caller's language; a page refusal is the 403 page saying why", async () => {
    const api = await raw(
      'POST',
      '/api/v1/shops/hk05/products',
      { origin: EVIL, 'content-type': 'application/json', cookie: `${cookie}; lang=en` },
      '{}',
    );
    expect(api.type).toContain('application/json');
    expect(JSON.parse(api.text)).toEqual({ error: { code: 'cross_origin', message: t('en', 'error.crossOrigin') } });
    const page = await raw('POST', '/akun', { origin: 'null', 'content-type': 'application/json', cookie: `${cookie}; lang=en` }, '{}');
    expect(page.status).toBe(403);
    expect(page.text).toContain(t('en', 'error.crossOrigin').slice(0, 40));
  });

  it('the same requests from this origin get past the check (the refusals above are about the origin)', async () => {
    const r = await raw('POST', '/api/v1/shops/hk05/products', { origin: server.url, 'content-type': 'application/json' }, '{}');
    expect(r.status).toBe(400);
    const page = await raw('POST', '/akun', { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, 'action=nothing');
    expect(page.status).toBe(400);
  });
});

describe(`bodies the API and the pages refuse (${dbName})`, () => {
  it('every JSON operation: over its cap 413, malformed 400, another type 415, deep nesting 400; JSON errors in English when asked; nothing written', async () => {
    const counts = await rowCounts(ignored);
    const digest = await shopDigest(fx.shopA);
    const failures: string[] = [];
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    for (const [name, def] of jsonOps) {
      const url = fillRoute(def.path, samples());
      const method = def.method.toUpperCase();
      const cap = def.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
      const en = { origin: server.url, cookie: `${cookieOf(def)}; lang=en` };
      const big = JSON.stringify({ x: 'a'.repeat(cap) });
      const cases: { what: string; status: number; key: string; res: () => Promise<{ status: number; type: string; text: string }> }[] = [
        {
          what: 'over the cap',
          status: 413,
          key: 'validation.bodyTooLarge',
          res: () => raw(method, url, { ...en, 'content-type': 'application/json' }, big),
        },
        {
          what: 'over the cap, chunked',
          status: 413,
          key: 'validation.bodyTooLarge',
          res: async () => {
            const r = await sendChunked(server.url, url, {
              method,
              headers: { ...en, 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
              prefix: '{"x":"',
              fillByte: 0x61,
              total: cap + 1024,
            });
            return { status: r.status, type: String(r.headers['content-type'] ?? ''), text: r.body };
          },
        },
        {
          what: 'malformed',
          status: 400,
          key: 'validation.badJson',
          res: () => raw(method, url, { ...en, 'content-type': 'application/json' }, '{"a":'),
        },
        {
          what: 'text/plain',
          status: 415,
          key: 'validation.mediaType',
          res: () => raw(method, url, { ...en, 'content-type': 'text/plain' }, '{}'),
        },
        {
          what: 'XML',
          status: 415,
          key: 'validation.mediaType',
          res: () => raw(method, url, { ...en, 'content-type': 'application/xml' }, '<a/>'),
        },
        {
          what: 'form',
          status: 415,
          key: 'validation.mediaType',
          res: () => raw(method, url, { ...en, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'),
        },
        { what: 'nested', status: 400, key: '', res: () => raw(method, url, { ...en, 'content-type': 'application/json' }, deep) },
      ];
      for (const c of cases) {
        const r = await c.res();
        let message = '';
        try {
          message = (JSON.parse(r.text) as { error: { message: string } }).error.message;
        } catch {
          /* reported below */
        }
        const okMessage = c.key ? message === t('en', c.key) : message.length > 0;
        if (r.status !== c.status || !r.type.includes('application/json') || !okMessage)
          failures.push(`${name} ${method} ${url} ${c.what}: want ${c.status} "${c.key}", got ${r.status} ${r.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(ignored)).toEqual(counts);
    expect(await shopDigest(fx.shopA)).toEqual(digest);
  });

  it('every page form: a JSON or text/plain body is refused with 415, a broken multipart body with 400, a form over its cap with 413, never a 5xx; nothing written', async () => {
    const counts = await rowCounts(ignored);
    const digest = await shopDigest(fx.shopA);
    const failures: string[] = [];
    // Signing out reads no body: any same-origin post ends the session, which is all it does.
    for (const f of (await pageForms()).filter((x) => x.action !== '/keluar')) {
      for (const [type, body, want] of [
        ['application/json', '{"a":1}', 415],
        ['text/plain', 'a=1', 415],
        ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nbroken', 400],
      ] as const) {
        const r = await raw('POST', f.action, { origin: server.url, 'content-type': type, cookie: `${cookie}; lang=en` }, body);
        if (r.status !== want) failures.push(`${f.action} ${type}: want ${want}, got ${r.status}`);
      }
      // Just over the page's own cap, streamed without a length: refused while reading.
      const big = await sendChunked(server.url, f.action, {
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': nextIp() },
        prefix: 'a=',
        fillByte: 0x62,
        total: pageCap(f.action) + 64 * 1024,
      });
      if (big.status !== 413) failures.push(`${f.action} oversized form: want 413, got ${big.status}`);
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(ignored)).toEqual(counts);
    expect(await shopDigest(fx.shopA)).toEqual(digest);
  });
});
