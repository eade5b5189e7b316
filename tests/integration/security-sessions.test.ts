import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { IP_FAILURE_LIMIT } from '#server/auth/sign-in.ts';
import { FREE_FAILURES } from '#server/auth/rate-limit.ts';
import { SESSION_COOKIE } from '#server/auth/session.ts';
import { t } from '#i18n/index.ts';

/**
 * Issue 14: session fixation, sign-out, password change and reset against replayed cookies, and sign-in
 * brute force from one address (the per-account back-off under bursts is tests/integration/password-throttle-http.test.ts).
 */
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
beforeAll(async () => {
  // TRUST_PROXY=1: each test's attacker has its own address (X-Forwarded-For), so one test's failures do not throttle another's.
  server = await startServer({ env: { TRUST_PROXY: '1', PASSWORD_BACKOFF_SECONDS: '3600' } });
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

let seq = 0;
function client(opts: { ip?: string; lang?: 'id' | 'en' } = {}) {
  const c = new Client(server.url, opts.lang ? { lang: opts.lang } : {});
  const ip = opts.ip ?? `198.18.${Math.floor(++seq / 250)}.${seq % 250}`;
  const request = c.request.bind(c);
  c.request = (path, init = {}) =>
    request(path, { ...init, headers: { 'x-forwarded-for': ip, ...(init.headers as Record<string, string>) } });
  return c;
}

async function newUser(password: string) {
  const c = client();
  const email = `akun-${++seq}@example.test`;
  expect((await c.post('/api/v1/users', { name: 'Pemilik Uji', email, password })).status).toBe(201);
  return { email, c };
}

/** Everything a session cookie could open: the API's own session, a shop's data, the account page and a dashboard page. */
async function opens(cookieValue: string): Promise<string[]> {
  const headers = { cookie: `${SESSION_COOKIE}=${cookieValue}` };
  const out: string[] = [];
  const api = await fetch(`${server.url}/api/v1/session`, { headers });
  if (api.status !== 401) out.push(`GET /api/v1/session ${api.status}`);
  const shop = await fetch(`${server.url}/api/v1/shops/hk05/orders`, { headers });
  if (shop.status !== 401) out.push(`GET /api/v1/shops/hk05/orders ${shop.status}`);
  for (const page of ['/akun', '/dashboard', '/dashboard/hk05']) {
    const r = await fetch(server.url + page, { headers, redirect: 'manual' });
    if (!(r.status === 303 && (r.headers.get('location') ?? '').startsWith('/masuk'))) out.push(`GET ${page} ${r.status}`);
  }
  const write = await fetch(`${server.url}/api/v1/me/password`, {
    method: 'POST',
    headers: { ...headers, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: 'diambil-alih-1' }),
  });
  if (write.status !== 401) out.push(`POST /api/v1/me/password ${write.status}`);
  return out;
}

describe(`session fixation (${dbName})`, () => {
  it('a cookie planted before sign-in (API or form) is replaced by a new one and never opens anything', async () => {
    for (const how of ['api', 'form'] as const) {
      const planted = crypto.randomBytes(20).toString('hex');
      const victim = client();
      victim.cookies.set(SESSION_COOKIE, planted);
      if (how === 'api') await victim.signIn('pemilik@hk05.test', DEMO_PASSWORD);
      else expect((await victim.form('/masuk', { identifier: 'pemilik@hk05.test', password: DEMO_PASSWORD })).status).toBe(303);
      const issued = victim.cookies.get(SESSION_COOKIE);
      expect(issued, how).toBeTruthy();
      expect(issued, how).not.toBe(planted);
      expect((await victim.get('/api/v1/session')).status).toBe(200);
      expect(await opens(planted), how).toEqual([]);
    }
  });

  it("an attacker's own valid session planted in the victim's browser stays the attacker's; the victim gets a new one", async () => {
    const attacker = client();
    await attacker.signIn('staf@hk05.test', DEMO_PASSWORD);
    const attackerToken = attacker.cookies.get(SESSION_COOKIE)!;
    const victim = client();
    victim.cookies.set(SESSION_COOKIE, attackerToken);
    await victim.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    expect(victim.cookies.get(SESSION_COOKIE)).not.toBe(attackerToken);
    const who = async (token: string) =>
      (
        (await (await fetch(`${server.url}/api/v1/session`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } })).json()) as {
          user: { email: string };
        }
      ).user.email;
    expect(await who(attackerToken)).toBe('staf@hk05.test');
    expect(await who(victim.cookies.get(SESSION_COOKIE)!)).toBe('pemilik@hk05.test');
    // The owner's pages under the attacker's token: still only what staff may see.
    const payable = await fetch(`${server.url}/api/v1/shops/hk05/debts?kind=payable`, {
      headers: { cookie: `${SESSION_COOKIE}=${attackerToken}` },
    });
    expect(payable.status).toBe(403);
  });
});

describe(`sign-out, password change and reset end the old cookie everywhere (${dbName})`, () => {
  it('signing out through the API or the header button: the old cookie opens nothing; the user’s other sessions stay', async () => {
    for (const how of ['api', 'page'] as const) {
      const { email, c } = await newUser('kata-sandi-lama-1');
      const other = client();
      await other.signIn(email, 'kata-sandi-lama-1');
      const old = c.cookies.get(SESSION_COOKIE)!;
      const r = how === 'api' ? await c.request('/api/v1/session', { method: 'DELETE' }) : await c.form('/keluar', {});
      expect(r.status, how).toBe(how === 'api' ? 204 : 303);
      expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
      expect(await opens(old), how).toEqual([]);
      // The app's rule: signing out ends this device's session only (README "Accounts"); the other device stays signed in.
      expect((await other.get('/api/v1/session')).status, how).toBe(200);
    }
  });

  it('a password change ends every other session of the user (API and page alike)', async () => {
    for (const how of ['api', 'page'] as const) {
      const { email, c } = await newUser('kata-sandi-lama-1');
      const other = client();
      await other.signIn(email, 'kata-sandi-lama-1');
      const otherToken = other.cookies.get(SESSION_COOKIE)!;
      const r =
        how === 'api'
          ? await c.post('/api/v1/me/password', { currentPassword: 'kata-sandi-lama-1', newPassword: 'kata-sandi-baru-2' })
          : await c.form('/akun', { action: 'password', currentPassword: 'kata-sandi-lama-1', newPassword: 'kata-sandi-baru-2' });
      expect([204, 200, 303], how).toContain(r.status);
      expect((await c.get('/api/v1/session')).status, how).toBe(200);
      expect(await opens(otherToken), how).toEqual([]);
    }
  });

  it("a reset link used by its holder ends every session of the user, the attacker's stolen cookie included", async () => {
    // A staff member of hk05 (the owner may issue their reset link), with a second device whose cookie was stolen.
    const owner = client();
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const invite = (await (await owner.post('/api/v1/shops/hk05/invites')).json()) as { url: string };
    const { email, c } = await newUser('kata-sandi-lama-1');
    expect((await c.form(new URL(invite.url).pathname, {})).status).toBe(303);
    const me = (await (await c.get('/api/v1/session')).json()) as { user: { id: string } };
    const thief = client();
    await thief.signIn(email, 'kata-sandi-lama-1');
    const stolen = thief.cookies.get(SESSION_COOKIE)!;
    const issued = await owner.post(`/api/v1/users/${me.user.id}/password-resets`);
    expect(issued.status).toBe(201);
    const { url } = (await issued.json()) as { url: string };
    const holder = client();
    const used = await holder.form(new URL(url).pathname, { newPassword: 'kata-sandi-baru-3' });
    expect([200, 303]).toContain(used.status);
    expect(await opens(c.cookies.get(SESSION_COOKIE)!)).toEqual([]);
    expect(await opens(stolen)).toEqual([]);
    await client().signIn(email, 'kata-sandi-baru-3');
  });
});

describe(`sign-in brute force (${dbName})`, () => {
  it('one account: after the free failures it waits, the right password during the wait does not sign in, the message is in the user’s language (API and form)', async () => {
    const { email } = await newUser('benar-sekali-1');
    for (const lang of ['en', 'id'] as const) {
      const attacker = client({ lang });
      const statuses: number[] = [];
      for (let i = 0; i < FREE_FAILURES + 3; i++)
        statuses.push((await attacker.post('/api/v1/session', { identifier: email, password: `salah-${lang}-${i}` })).status);
      expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
      expect(statuses.at(-1)).toBe(429);
      const right = await attacker.post('/api/v1/session', { identifier: email, password: 'benar-sekali-1' });
      expect(right.status).toBe(429);
      expect(attacker.cookies.has(SESSION_COOKIE)).toBe(false);
      const body = (await right.json()) as { error: { message: string } };
      const seconds = Number(right.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(0);
      expect(body.error.message).toBe(t(lang, 'auth.lockedOut', { seconds }));
      // The sign-in page answers the same wait in the same language, and does not sign in either.
      const page = await attacker.form('/masuk', { identifier: email, password: 'benar-sekali-1' });
      expect(page.status).toBe(429);
      expect(await page.text()).toContain(t(lang, 'auth.lockedOut', { seconds: 0 }).split(/\d/)[0]!.trim());
      expect(attacker.cookies.has(SESSION_COOKIE)).toBe(false);
    }
  });

  it(`one address: after ${IP_FAILURE_LIMIT} wrong passwords over many accounts it waits, even for a right password; another address is not affected`, async () => {
    const ip = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i < IP_FAILURE_LIMIT; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          client({ ip }).post('/api/v1/session', { identifier: `tebak-${i + j}@example.test`, password: 'sandi123' }),
        ),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const right = await client({ ip, lang: 'en' }).post('/api/v1/session', { identifier: 'pemilik@hk05.test', password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(((await right.json()) as { error: { message: string } }).error.message).toMatch(/^Too many/);
    const elsewhere = client({ ip: '198.51.100.78' });
    await elsewhere.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  });
});
