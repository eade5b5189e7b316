import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageRoutes } from '../helpers/routes.ts';
import { PAGE_ROUTES } from '#server/http/page-routes.ts';
import { routeDeclaration } from '#server/http/guard-request.ts';
import { DEFAULT_MAX_BODY_BYTES, DESIGN_BODY_BYTES, STRIPE_WEBHOOK_BYTES } from '#server/http/body-limits.ts';
import { RATE_LIMITS } from '#server/http/rate-limits.ts';

const src = path.resolve(import.meta.dirname, '../../src');
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|astro)$/.test(e.name) ? [p] : [];
  });
}
const rel = (p: string) => path.relative(src, p);

describe('request guards are declared, not written inline', () => {
  it('no route reads a request body except through the capped readers (src/server/http/body.ts)', () => {
    const direct = files(src)
      .filter((f) => rel(f) !== 'server/http/body.ts')
      .filter((f) => /request\.(formData|text|json|arrayBuffer|blob|bytes)\(|request\.body\b/.test(fs.readFileSync(f, 'utf8')));
    expect(direct.map(rel)).toEqual([]);
  });

  it('no page or use case counts a rate limit inline', () => {
    // tenant/rate-limits.ts defines hitWindow; sign-in.ts counts failed passwords per IP (a back-off on failures, not a request limit).
    const allowed = new Set([
      'server/tenant/rate-limits.ts',
      'server/auth/rate-limit.ts',
      'server/http/rate-limits.ts',
      'server/auth/sign-in.ts',
    ]);
    const inline = files(src).filter((f) => !allowed.has(rel(f)) && /\bhitWindow\b/.test(fs.readFileSync(f, 'utf8')));
    expect(inline.map(rel)).toEqual([]);
  });

  it('every page declaration names an existing page; API and page declarations resolve', () => {
    const pages = new Set(pageRoutes(''));
    for (const pattern of Object.keys(PAGE_ROUTES)) expect(pages, pattern).toContain(pattern);
    expect(routeDeclaration('POST', '/daftar')).toMatchObject({ api: false, rateLimit: RATE_LIMITS.signUp });
    expect(routeDeclaration('POST', '/api/v1/users')).toMatchObject({ api: true, rateLimit: RATE_LIMITS.signUp });
    expect(routeDeclaration('PUT', '/api/v1/shops/[shop]/designs/[designId]').maxBytes).toBe(DESIGN_BODY_BYTES);
    expect(routeDeclaration('POST', '/api/v1/stripe/webhook').maxBytes).toBe(STRIPE_WEBHOOK_BYTES);
    expect(routeDeclaration('POST', '/masuk').maxBytes ?? DEFAULT_MAX_BODY_BYTES).toBe(64 * 1024);
  });
});
