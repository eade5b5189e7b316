import { gunzipSync } from 'node:zlib';
import type { APIContext, MiddlewareNext } from 'astro';
import { describe, expect, it } from 'vitest';
import {
  auth,
  clientAddress,
  compression,
  contentSecurityPolicy,
  locale,
  requestGuard,
  routeErrors,
  securityHeaders,
} from '#server/http/middleware/steps.ts';
import { NotFound } from '#server/errors.ts';

/** Just enough of Astro's context for one step. */
function fakeContext(
  url: string,
  init: RequestInit & { routePattern?: string; clientAddress?: string; cookies?: Record<string, string> } = {},
) {
  const jar = new Map(Object.entries(init.cookies ?? {}));
  const ctx = {
    request: new Request(url, init),
    url: new URL(url),
    routePattern: init.routePattern ?? new URL(url).pathname,
    locals: {} as App.Locals,
    get clientAddress() {
      if (!init.clientAddress) throw new Error('no address');
      return init.clientAddress;
    },
    cookies: {
      get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
      delete: (name: string) => {
        jar.delete(name);
      },
      set: (name: string, value: string) => {
        jar.set(name, value);
      },
      headers: () => [][Symbol.iterator](),
    },
    rewrite: async (to: string | Request) =>
      new Response(`rewritten to ${typeof to === 'string' ? to : new URL(to.url).pathname}`, { status: 299 }),
  };
  return ctx as unknown as APIContext & { locals: App.Locals };
}
const answer =
  (response: Response | (() => Response)): MiddlewareNext =>
  async () =>
    typeof response === 'function' ? response() : response;
const noNext: MiddlewareNext = async () => {
  throw new Error('next() must not be called');
};

describe('middleware steps, each alone', () => {
  it('content security policy: a rendered page is allowed its own inline script by hash, never unsafe-inline', async () => {
    const page = new Response('<html><body><script>alert(1)</script></body></html>', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    const r = (await contentSecurityPolicy(fakeContext('http://x/'), answer(page))) as Response;
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    expect(csp).not.toContain('unsafe-inline');
    expect(await r.text()).toContain('<script>alert(1)</script>');
  });

  it('locale: the query beats the cookie, Indonesian by default', async () => {
    for (const [url, cookies, want] of [
      ['http://x/', {}, 'id'],
      ['http://x/', { lang: 'en' }, 'en'],
      ['http://x/?lang=id', { lang: 'en' }, 'id'],
    ] as const) {
      const ctx = fakeContext(url, { cookies });
      await locale(ctx, answer(new Response('ok')));
      expect(ctx.locals.locale).toBe(want);
    }
  });

  it('client IP: the socket address, X-Forwarded-For ignored without TRUST_PROXY', async () => {
    const ctx = fakeContext('http://x/', { clientAddress: '10.0.0.7', headers: { 'x-forwarded-for': '1.2.3.4' } });
    await clientAddress(ctx, answer(new Response('ok')));
    expect(ctx.locals.clientIp).toBe('10.0.0.7');
  });

  it('auth: no cookie is no session, looked up once', async () => {
    const ctx = fakeContext('http://x/');
    await auth(ctx, answer(new Response('ok')));
    const first = ctx.locals.auth();
    expect(ctx.locals.auth()).toBe(first);
    expect(await first).toBeNull();
  });

  it("security headers: on every response, without overriding a page's own referrer policy; 413 closes", async () => {
    const plain = (await securityHeaders(fakeContext('http://x/'), answer(new Response('ok')))) as Response;
    expect(Object.fromEntries(plain.headers)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
    });
    const own = (await securityHeaders(
      fakeContext('http://x/'),
      answer(new Response('ok', { headers: { 'referrer-policy': 'no-referrer' } })),
    )) as Response;
    expect(own.headers.get('referrer-policy')).toBe('no-referrer');
    const refused = (await securityHeaders(fakeContext('http://x/'), answer(new Response('{}', { status: 413 })))) as Response;
    expect(refused.headers.get('connection')).toBe('close');
  });

  it('compression: compresses what the page cache did not answer', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, name: `Barang ${i}` })) });
    const json = () => new Response(big, { headers: { 'content-type': 'application/json' } });
    const ctx = fakeContext('http://x/api/v1/x', { headers: { 'accept-encoding': 'gzip' } });
    const r = (await compression(ctx, answer(json))) as Response;
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()).toBe(big);
    const cached = new Response(big, { headers: { 'content-type': 'application/json', 'x-cache': 'HIT' } });
    expect(await compression(ctx, answer(cached))).toBe(cached);
  });

  it('request guard: an API body declared over the cap is answered 413 before the route runs', async () => {
    // A route without a rate limit: this test has no database to count in.
    const design = fakeContext('http://x/api/v1/shops/a/designs/b', {
      method: 'PUT',
      headers: { 'content-length': String(2 * 1024 * 1024) },
      body: 'x',
      routePattern: '/api/v1/shops/[shop]/designs/[designId]',
    });
    design.locals.locale = 'en';
    const r = (await requestGuard(design, noNext)) as Response;
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ error: { code: 'payload_too_large', message: 'The request body is too large.' } });
    // A page gets the refusal when it reads its form, so the form can say it.
    const page = fakeContext('http://x/masuk', {
      method: 'POST',
      headers: { 'content-length': String(65 * 1024) },
      body: 'x',
      routePattern: '/masuk',
    });
    const ok = (await requestGuard(page, answer(new Response('page')))) as Response;
    expect(await ok.text()).toBe('page');
    expect(page.locals.refusal?.status).toBe(413);
  });

  it('route errors: JSON for the API without internals, the error page for people', async () => {
    const api = fakeContext('http://x/api/v1/x');
    api.locals.locale = 'id';
    const boom: MiddlewareNext = async () => {
      throw new Error('SELECT secret FROM users');
    };
    const r = (await routeErrors(api, boom)) as Response;
    expect(r.status).toBe(500);
    expect(await r.text()).not.toContain('secret');
    const missing = (await routeErrors(api, async () => {
      throw new NotFound();
    })) as Response;
    expect(missing.status).toBe(404);
    const page = (await routeErrors(fakeContext('http://x/dashboard'), boom)) as Response;
    expect(await page.text()).toBe('rewritten to /500');
  });

  it('route errors: a full or read-only disk is a 503 with Retry-After in the reader language, never its internals', async () => {
    const faults = [
      Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
      Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }),
      Object.assign(new Error("ENOSPC: no space left on device, write '/srv/data/media/x'"), { code: 'ENOSPC' }),
      Object.assign(new Error('read-only file system'), { code: 'EROFS' }),
      Object.assign(new Error('could not extend file "base/16384/2619": No space left on device'), { code: '53100' }),
      new Error('wrapped', { cause: Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }) }),
    ];
    for (const [i, fault] of faults.entries()) {
      const api = fakeContext('http://x/api/v1/x');
      api.locals.locale = i % 2 ? 'en' : 'id';
      const r = (await routeErrors(api, async () => {
        throw fault;
      })) as Response;
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('60');
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('storage_unavailable');
      expect(body.error.message).toContain(i % 2 ? 'cannot save data' : 'tidak dapat menyimpan');
      expect(JSON.stringify(body)).not.toMatch(/srv|base\/16384|SQLITE|ENOSPC/);
      const page = (await routeErrors(fakeContext('http://x/dashboard'), async () => {
        throw fault;
      })) as Response;
      expect(await page.text()).toBe('rewritten to /503');
    }
    const plain = fakeContext('http://x/api/v1/x');
    plain.locals.locale = 'id';
    const other = (await routeErrors(plain, async () => {
      throw Object.assign(new Error('constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    })) as Response;
    expect(other.status).toBe(500);
  });
});
