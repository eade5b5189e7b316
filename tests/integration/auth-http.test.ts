import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe(`accounts over HTTP (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('signs up, signs in by email and by phone, signs out', async () => {
    const a = new Client(server.url);
    const r = await a.post('/api/v1/users', { name: 'Daeng Sikki', phone: '0813-1111-2222', password: 'kata-sandi-1' });
    expect(r.status).toBe(201);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('etalase_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i); // NODE_ENV=production
    const me = (await (await a.get('/api/v1/session')).json()) as { user: { phone: string } };
    expect(me.user.phone).toBe('+6281311112222');

    const b = new Client(server.url);
    await b.signIn('+62 813 1111 2222', 'kata-sandi-1');
    expect((await b.get('/api/v1/session')).status).toBe(200);
    expect((await b.request('/api/v1/session', { method: 'DELETE' })).status).toBe(204);
    expect((await b.get('/api/v1/session')).status).toBe(401);
    // a's session is unaffected by b signing out
    expect((await a.get('/api/v1/session')).status).toBe(200);

    const c = new Client(server.url);
    await c.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    expect((await c.get('/api/v1/session')).status).toBe(200);
  });

  it('signs in through the HTML form and out through the header button', async () => {
    const a = new Client(server.url);
    const bad = await a.form('/masuk', { identifier: 'pemilik@hk05.test', password: 'salah-sekali' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Email/nomor HP atau kata sandi salah.');
    const ok = await a.form('/masuk?next=%2Fdashboard%2Fhk05', { identifier: '0812-4321-0005', password: DEMO_PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/dashboard/hk05');
    expect((await a.get('/dashboard/hk05')).status).toBe(200);
    const out = await a.form('/keluar', {});
    expect(out.status).toBe(303);
    expect((await a.get('/dashboard/hk05')).status).toBe(303);
  });

  it('never follows a sign-in redirect to another origin', async () => {
    const a = new Client(server.url);
    const ok = await a.form('/masuk?next=%2F%2Fevil.example', { identifier: 'staf@hk05.test', password: DEMO_PASSWORD });
    expect(ok.headers.get('location')).toBe('/dashboard');
  });

  it('shows the 403 page in the language the request asks for (?lang=en), for a GET and a form post', async () => {
    const staff = new Client(server.url);
    await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
    for (const r of [
      await staff.get('/dashboard/hk05/pengaturan?lang=en'),
      await staff.form('/dashboard/hk05/pengaturan?lang=en', { 'profile.form': '1', 'profile.social.instagram': 'staf' }),
    ]) {
      expect(r.status).toBe(403);
      const html = await r.text();
      expect(html).toContain('Not allowed');
      expect(html).not.toContain('Tidak diizinkan');
    }
    const id = await staff.get('/dashboard/hk05/pengaturan');
    expect(await id.text()).toContain('Tidak diizinkan');
  });

  it('rejects a cross-site form post (origin check)', async () => {
    const a = new Client(server.url);
    const r = await a.request('/masuk', {
      method: 'POST',
      form: { identifier: 'x', password: 'y' },
      headers: { origin: 'https://evil.example' },
    });
    expect(r.status).toBe(403);
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const a = new Client(server.url);
    await a.post('/api/v1/users', { name: 'Ibu Nur', email: 'nur@example.test', password: 'lama-lama-1' });
    const other = new Client(server.url);
    await other.signIn('nur@example.test', 'lama-lama-1');
    const wrong = await a.post('/api/v1/me/password', { currentPassword: 'keliru-1234', newPassword: 'baru-baru-1' });
    expect(wrong.status).toBe(400);
    const r = await a.post('/api/v1/me/password', { currentPassword: 'lama-lama-1', newPassword: 'baru-baru-1' });
    expect(r.status).toBe(204);
    expect((await a.get('/api/v1/session')).status).toBe(200);
    expect((await other.get('/api/v1/session')).status).toBe(401);
    const again = new Client(server.url);
    await again.signIn('nur@example.test', 'baru-baru-1');
  });

  it("answers bad input with field messages in the user's language and writes nothing", async () => {
    const id = new Client(server.url);
    const r = await id.post('/api/v1/users', { name: '', phone: '12345', password: 'short' });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { fields: Record<string, string[]> } };
    expect(body.error.fields.phone).toEqual(['Nomor HP Indonesia tidak valid. Contoh: 0812-3456-7890.']);
    expect(body.error.fields.password).toEqual(['Kata sandi minimal 8 karakter.']);
    expect(body.error.fields.name).toEqual(['Wajib diisi.']);
    const en = new Client(server.url, { lang: 'en' });
    const r2 = await en.post('/api/v1/users', { name: 'X', phone: '12345', password: 'long-enough-1' });
    const b2 = (await r2.json()) as { error: { fields: Record<string, string[]> } };
    expect(b2.error.fields.phone).toEqual(['Not a valid Indonesian phone number. Example: 0812-3456-7890.']);
    const junk = await en.request('/api/v1/users', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(junk.status).toBe(400);
    const text = JSON.stringify(await junk.json());
    expect(text).not.toMatch(/at .*\.(ts|js|mjs):\d+|SELECT|INSERT|node_modules|\/work\//i);
    // Nothing was written: that phone number can still sign up.
    const ok = await id.post('/api/v1/users', { name: 'Y', phone: '0821-5555-6666', password: 'long-enough-1' });
    expect(ok.status).toBe(201);
  });

  it('duplicate email/phone and duplicate slug are clear field errors', async () => {
    const a = new Client(server.url);
    const r = await a.post('/api/v1/users', { name: 'Dup', email: 'PEMILIK@hk05.test', password: 'long-enough-1' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { fields: Record<string, string[]> } }).error.fields.email).toEqual([
      'Email ini sudah terdaftar.',
    ]);
    await a.post('/api/v1/users', { name: 'Dup', email: 'dup@example.test', password: 'long-enough-1' });
    const villages = (await (await a.get('/api/v1/villages')).json()) as { villages: { id: string }[] };
    const s = await a.post('/api/v1/shops', {
      slug: 'hk05',
      name: 'Tiruan',
      villageId: villages.villages[0]!.id,
      whatsapp: '0812-9999-0000',
    });
    expect(s.status).toBe(400);
    expect(((await s.json()) as { error: { fields: Record<string, string[]> } }).error.fields.slug).toEqual([
      'Alamat toko ini sudah dipakai toko lain.',
    ]);
    const reserved = await a.post('/api/v1/shops', {
      slug: 'dashboard',
      name: 'Tiruan',
      villageId: villages.villages[0]!.id,
      whatsapp: '0812-9999-0000',
    });
    expect(((await reserved.json()) as { error: { fields: Record<string, string[]> } }).error.fields.slug).toEqual([
      'Alamat ini dipakai oleh Etalase sendiri. Pilih yang lain.',
    ]);
  });

  it('limits failed sign-ins per account with growing back-off, independent of IP', async () => {
    const a = new Client(server.url);
    await a.post('/api/v1/users', { name: 'Target', email: 'target@example.test', password: 'benar-benar-1' });
    const attacker = new Client(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await attacker.post('/api/v1/session', { identifier: 'target@example.test', password: `salah-${i}` })).status);
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses[4]).toBe(429); // 5th failure starts a 30 s back-off
    const locked = await attacker.post('/api/v1/session', { identifier: 'target@example.test', password: 'benar-benar-1' });
    expect(locked.status).toBe(429); // even the right password waits
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await locked.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Terlalu banyak percobaan gagal/);
    // Another account from the same IP is not affected.
    const other = new Client(server.url);
    await other.signIn('staf@hk05.test', DEMO_PASSWORD);
  });

  it("issues single-use password-reset links for WhatsApp and ends the user's sessions", async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const staff = new Client(server.url);
    await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
    const me = (await (await staff.get('/api/v1/session')).json()) as { user: { id: string } };
    const issued = await owner.post(`/api/v1/users/${me.user.id}/password-resets`);
    expect(issued.status).toBe(201);
    const { url, whatsappUrl } = (await issued.json()) as { url: string; whatsappUrl: string };
    expect(url.startsWith(`${server.url}/reset/`)).toBe(true);
    expect(whatsappUrl.startsWith('https://wa.me/6281243210006?text=')).toBe(true);
    expect(decodeURIComponent(whatsappUrl.split('text=')[1]!)).toContain(url);
    const path = new URL(url).pathname;
    const anon = new Client(server.url);
    expect((await anon.get(path)).status).toBe(200);
    const done = await anon.form(path, { newPassword: 'reset-baru-1' });
    expect(done.status).toBe(303);
    expect((await staff.get('/api/v1/session')).status).toBe(401);
    expect((await anon.get(path)).status).toBe(404); // single use
    await new Client(server.url).signIn('staf@hk05.test', 'reset-baru-1');
    // Staff may not issue resets for the owner; another shop's owner may not for HK05's staff.
    const other = new Client(server.url);
    await other.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
    expect((await other.post(`/api/v1/users/${me.user.id}/password-resets`)).status).toBe(404);
    // The program officer may.
    const officer = new Client(server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    expect((await officer.post(`/api/v1/users/${me.user.id}/password-resets`)).status).toBe(201);
  });

  it('invites staff with a one-time link; removing them ends their sessions; the owner sees it in the audit log', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const inv = await owner.post('/api/v1/shops/hk05/invites');
    expect(inv.status).toBe(201);
    const { url } = (await inv.json()) as { url: string };
    const path = new URL(url).pathname;
    const newbie = new Client(server.url);
    await newbie.post('/api/v1/users', { name: 'Staf Baru', phone: '0857-1234-9876', password: 'staf-baru-1' });
    expect((await newbie.form(path, {})).status).toBe(303);
    expect((await newbie.get('/dashboard/hk05')).status).toBe(200);
    const intruder = new Client(server.url);
    await intruder.post('/api/v1/users', { name: 'Orang Lain', phone: '0857-0000-9876', password: 'orang-lain-1' });
    expect((await intruder.get(path)).status).toBe(404); // used once already
    const members = (await (await owner.get('/api/v1/shops/hk05/members')).json()) as { members: { id: string; name: string }[] };
    const id = members.members.find((m) => m.name === 'Staf Baru')!.id;
    expect((await owner.request(`/api/v1/shops/hk05/members/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await newbie.get('/api/v1/session')).status).toBe(401);
    const audit = (await (await owner.get('/api/v1/shops/hk05/audit')).json()) as { events: { action: string }[] };
    const actions = audit.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.invited', 'staff.joined', 'staff.removed', 'auth.sign_in']));
  });

  it('serves a proper 404 page and the OpenAPI document', async () => {
    const a = new Client(server.url);
    const r = await a.get('/tidak/ada/halaman');
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('Tidak ditemukan');
    const doc = (await (await a.get('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/shops', '/api/v1/shops/{shop}']));
    const ping = await a.get('/hk05');
    expect(ping.status).toBe(200);
    const html = await ping.text();
    expect(html).toContain('https://wa.me/6281243210005');
    expect(html).toContain('Romang Lompoa');
  });
});
