import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { text } from '../helpers/html.ts';
import { FREE_FAILURES } from '#server/auth/rate-limit.ts';
import { sha256Hex } from '#server/util.ts';
import { closeDb } from '#server/db/index.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { resetConfig } from '#server/config.ts';
import { SELF_RESETS_PER_HOUR } from '#server/auth/request-password-reset.ts';

/**
 * Issue 11 item 11: "Lupa kata sandi" mails a single-use link through SMTP_URL (a loopback smtp-server
 * here, never the internet); without SMTP the page says who can issue one; /akun changes email and phone
 * after the password.
 */
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let withMail: TestServer;
let withoutMail: TestServer;
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  [withMail, withoutMail] = await Promise.all([
    startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Etalase <etalase@example.test>' } }),
    startServer({ env: { SMTP_URL: '', PROGRAM_OFFICE_WHATSAPP: '0811-4000-2000', PASSWORD_BACKOFF_SECONDS: '3600' } }),
  ]);
  // This process reads the mail server's database directly (tokens stored as hashes, reset counts).
  Object.assign(process.env, withMail.db.env);
  if (!withMail.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
}, 900_000);
afterAll(async () => {
  await closeDb();
  await Promise.all([withMail?.stop(), withoutMail?.stop()]);
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function mailTo(address: string, count: number) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const got = mails.filter((m) => m.to.includes(address));
    if (got.length >= count) return got;
    if (Date.now() > deadline) throw new Error(`no mail to ${address}:\n${withMail.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The body of a quoted-printable plain-text mail, soft line breaks joined. */
const body = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\r/g, '');

async function newAccount(server: TestServer, email: string, password: string) {
  const c = new Client(server.url);
  expect((await c.post('/api/v1/users', { name: 'Ibu Pemulih', email, password })).status).toBe(201);
  const me = (await (await c.get('/api/v1/session')).json()) as { user: { id: string } };
  return { client: c, id: me.user.id };
}

describe(`password reset by email (${dbName})`, () => {
  it('mails a single-use link stored only as a hash, and answers the same for an unknown email', async () => {
    const { id } = await newAccount(withMail, 'lupa@example.test', 'lama-lama-lama-1');
    const signIn = await (await new Client(withMail.url).get('/masuk')).text();
    expect(signIn).toContain('href="/lupa-sandi"');
    const visitor = new Client(withMail.url);
    const page = await (await visitor.get('/lupa-sandi')).text();
    expect(page).toMatch(/<input name="email" type="email"/);

    const unknown = await visitor.form('/lupa-sandi', { email: 'tidak-ada@example.test' });
    const known = await visitor.form('/lupa-sandi', { email: ' Lupa@Example.test ' });
    expect([unknown.status, known.status]).toEqual([303, 303]);
    expect(known.headers.get('location')).toBe(unknown.headers.get('location'));
    expect(text(await (await visitor.get(known.headers.get('location')!)).text())).toContain('Jika email itu terdaftar');

    const [mail] = await mailTo('lupa@example.test', 1);
    expect(mails.some((m) => m.to.includes('tidak-ada@example.test'))).toBe(false);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset\/([A-Za-z0-9_-]+))/.exec(body(mail!.raw))!;
    expect(body(mail!.raw)).toContain('Halo Ibu Pemulih');
    const token = link[2]!;
    const rows = await db().selectFrom('password_resets').selectAll().where('user_id', '=', id).execute();
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(Date.parse(rows[0]!.expires_at) - Date.parse(rows[0]!.created_at)).toBe(3600_000);

    const path = new URL(link[1]!).pathname;
    expect((await visitor.get(path)).status).toBe(200);
    expect((await visitor.form(path, { newPassword: 'baru-baru-baru-1' })).status).toBe(303);
    expect((await visitor.form(path, { newPassword: 'lagi-lagi-lagi-1' })).status).toBe(400);
    const c = new Client(withMail.url);
    await c.signIn('lupa@example.test', 'baru-baru-baru-1');
    // A link the holder asked for is not announced to them as someone else's reset.
    expect(text(await (await c.get('/akun')).text())).not.toContain('direset oleh');
  });

  it('mails at most a few links per account per hour, with the same answer', async () => {
    const { id } = await newAccount(withMail, 'sering@example.test', 'lama-lama-lama-1');
    const visitor = new Client(withMail.url);
    for (let i = 0; i < SELF_RESETS_PER_HOUR + 2; i++) {
      const r = await visitor.form('/lupa-sandi', { email: 'sering@example.test' });
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe('/lupa-sandi?sent=1');
    }
    // The API draws on the same per-account cap and answers the same.
    expect((await visitor.post('/api/v1/password-resets', { email: 'sering@example.test' })).status).toBe(204);
    expect((await visitor.post('/api/v1/password-resets', { email: 'tidak-ada@example.test' })).status).toBe(204);
    const n = await db()
      .selectFrom('password_resets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(SELF_RESETS_PER_HOUR);
    expect(await mailTo('sering@example.test', SELF_RESETS_PER_HOUR)).toHaveLength(SELF_RESETS_PER_HOUR);
  });

  it('without SMTP_URL the page says who can issue a link and offers WhatsApp to the program office', async () => {
    for (const lang of ['id', 'en'] as const) {
      const c = new Client(withoutMail.url, { lang });
      const html = await (await c.get('/lupa-sandi')).text();
      expect(html).not.toContain('name="email"');
      const words = text(html);
      expect(words).toContain(lang === 'id' ? 'minta pemilik toko' : 'ask the shop owner');
      expect(words).toContain(lang === 'id' ? 'pendamping program' : 'program officer');
      const href = /href="(https:\/\/wa\.me\/[^"]+)"[^>]*data-testid="office-whatsapp"/.exec(html)![1]!.replace(/&amp;/g, '&');
      const u = new URL(href);
      expect(u.pathname).toBe('/6281140002000');
      expect(u.searchParams.get('text')).toContain(lang === 'id' ? 'lupa kata sandi' : 'forgot the password');
    }
    const post = await new Client(withoutMail.url).form('/lupa-sandi', { email: 'pemilik@hk05.test' });
    expect(post.status).toBe(422);
    expect((await new Client(withoutMail.url).post('/api/v1/password-resets', { email: 'pemilik@hk05.test' })).status).toBe(422);
  });
});

describe(`email and phone on the account page (${dbName})`, () => {
  it('change only with the password, never to another account’s email, under the password back-off', async () => {
    const { client } = await newAccount(withoutMail, 'kontak@example.test', 'benar-benar-1');
    const before = await (await client.get('/akun')).text();
    expect(before).toMatch(/name="email"[^>]*value="kontak@example.test"/);

    const noPassword = await client.form('/akun', { action: 'contact', email: 'baru@example.test', phone: '0812-7000-1111', password: '' });
    expect(noPassword.status).toBe(400);
    const taken = await client.form('/akun', { action: 'contact', email: 'pemilik@hk05.test', phone: '', password: 'benar-benar-1' });
    expect(taken.status).toBe(400);
    const api = await client.request('/api/v1/me/contact', { method: 'PUT', json: { email: 'baru@example.test', password: 'salah-api' } });
    expect(api.status).toBe(400);
    const ok = await client.form('/akun', {
      action: 'contact',
      email: 'baru@example.test',
      phone: '0812-7000-1111',
      password: 'benar-benar-1',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/akun?ok=contact');
    const c = new Client(withoutMail.url);
    await c.signIn('baru@example.test', 'benar-benar-1');
    await new Client(withoutMail.url).signIn('0812-7000-1111', 'benar-benar-1');
    expect(
      (await new Client(withoutMail.url).post('/api/v1/session', { identifier: 'kontak@example.test', password: 'benar-benar-1' })).status,
    ).toBe(400);

    const statuses: number[] = [];
    for (let i = 0; i < FREE_FAILURES; i++) {
      statuses.push(
        (await client.form('/akun', { action: 'contact', email: 'jahat@example.test', phone: '', password: `salah-${i}` })).status,
      );
    }
    // The same back-off as sign-in: the free failures are refused as wrong, the next one starts the wait.
    expect(statuses).toEqual([...Array<number>(FREE_FAILURES - 1).fill(400), 429]);
    // Backing off: even the right password waits, and nothing changed.
    const locked = await client.form('/akun', { action: 'contact', email: 'jahat@example.test', phone: '', password: 'benar-benar-1' });
    expect(locked.status).toBe(429);
    expect(await (await c.get('/akun')).text()).toMatch(/name="email"[^>]*value="baru@example.test"/);
  });
});
