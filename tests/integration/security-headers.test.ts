import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/** Content-Security-Policy and the other security headers on pages, the API and cached public pages. */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

function directives(policy: string | null): Map<string, string[]> {
  expect(policy, 'content-security-policy header').toBeTruthy();
  return new Map(
    policy!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The fixed part of the policy, the same on every response. */
function expectBase(policy: string | null) {
  const d = directives(policy);
  expect(d.get('script-src')).toContain("'self'");
  expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  expect(d.get('script-src')).not.toContain("'unsafe-eval'");
  expect(d.get('style-src')).not.toContain("'unsafe-inline'");
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'self'"]);
  expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  expect(d.get('form-action')).toEqual(expect.arrayContaining(["'self'", 'https://checkout.stripe.com']));
  return d;
}

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

/** Every executable inline script of a page is allowed by its hash, and nothing else inline is. */
function expectScriptsHashed(html: string, policy: string | null) {
  const d = expectBase(policy);
  const inline = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs, body]) => body && !/src=|application\/ld\+json/.test(attrs!))
    .map(([, , body]) => hash(body!));
  for (const h of inline) expect(d.get('script-src'), 'inline script hash').toContain(h);
  expect(d.get('script-src')!.filter((v) => v.startsWith("'sha256-"))).toHaveLength(new Set(inline).size);
  return d;
}

describe('Content-Security-Policy', () => {
  it('a public catalog page: inline script and brand style by hash; the cached copy carries the same policy and bytes', async () => {
    const first = await fetch(`${server.url}/hk05`);
    const html = await first.text();
    const policy = first.headers.get('content-security-policy');
    const d = expectScriptsHashed(html, policy);
    expect(d.get('script-src')!.some((v) => v.startsWith("'sha256-"))).toBe(true); // the cart count is inline
    for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) expect(d.get('style-src')).toContain(hash(css!));
    const again = await fetch(`${server.url}/hk05`);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(await again.text()).toBe(html);
    expect(again.headers.get('content-security-policy')).toBe(policy);
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    // A conditional request answered 304 by the cache has the headers too.
    const etag = again.headers.get('etag')!;
    const notModified = await fetch(`${server.url}/hk05`, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expectBase(notModified.headers.get('content-security-policy'));
  });

  it('a product page, the sign-in page and a dashboard page', async () => {
    for (const path of ['/hk05/p/telur-asin-bakar-isi-10', '/masuk']) {
      const r = await fetch(server.url + path);
      expectScriptsHashed(await r.text(), r.headers.get('content-security-policy'));
    }
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const r = await owner.get('/dashboard/hk05/brand');
    expect(r.status).toBe(200);
    const html = await r.text();
    const d = expectScriptsHashed(html, r.headers.get('content-security-policy'));
    // Style attributes (palette swatches, kit preview) are allowed one by one, by hash.
    const attrs = [...html.matchAll(/\sstyle="([^"]*)"/g)].map(([, v]) => hash(v!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')));
    expect(attrs.length).toBeGreaterThan(0);
    expect(d.get('style-src')).toContain("'unsafe-hashes'");
    for (const h of attrs) expect(d.get('style-src')).toContain(h);
  });

  it('the API, a redirect and a 404 carry the policy; no HSTS over http', async () => {
    for (const [path, status] of [
      ['/api/v1/shops/hk05/designs', 401],
      ['/dashboard', 303],
      ['/tidak-ada-toko-ini', 404],
    ] as const) {
      const r = await fetch(server.url + path, { redirect: 'manual' });
      expect(r.status, path).toBe(status);
      expectBase(r.headers.get('content-security-policy'));
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});

describe('HSTS', () => {
  it('is sent on every response when PUBLIC_URL is https', async () => {
    const tls = await startServer({ env: { PUBLIC_URL: 'https://etalase.example' } });
    try {
      for (const path of ['/hk05', '/hk05', '/masuk', '/api/v1/shops/hk05/designs']) {
        const r = await fetch(tls.url + path, { redirect: 'manual' });
        expect(r.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
      }
    } finally {
      await tls.stop();
    }
  }, 900_000);
});
