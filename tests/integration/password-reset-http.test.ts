import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/**
 * Issue 8 item 1: a reset link is an account takeover, so it is issued only for an account over which the
 * issuer already holds every power that account has. Everyone else gets the unknown user's 404.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function as(identifier: string) {
  const c = new Client(server.url);
  await c.signIn(identifier, DEMO_PASSWORD);
  const me = (await (await c.get('/api/v1/session')).json()) as { user: { id: string } };
  return Object.assign(c, { id: me.user.id });
}

/** `owner` invites `person` as staff of `shop`, and `person` accepts. */
async function joinAsStaff(owner: Client, shop: string, person: Client) {
  const inv = await owner.post(`/api/v1/shops/${shop}/invites`);
  expect(inv.status).toBe(201);
  const { url } = (await inv.json()) as { url: string };
  expect((await person.form(new URL(url).pathname, {})).status).toBe(303);
}

const resetFor = (issuer: Client, userId: string) => issuer.post(`/api/v1/users/${userId}/password-resets`);
const actions = async (owner: Client, shop: string) =>
  ((await (await owner.get(`/api/v1/shops/${shop}/audit`)).json()) as { events: { action: string }[] }).events.map((e) => e.action);

describe(`password-reset links cannot take over accounts (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it("an owner cannot reset another shop's owner or the program officer after inviting them as staff (same 404 as an unknown user)", async () => {
    const hk05 = await as('pemilik@hk05.test');
    const unknown = await resetFor(hk05, 'no-such-user');
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    for (const victim of ['pemilik@roti-balang.test', 'pendamping@gowa.test']) {
      const v = await as(victim);
      await joinAsStaff(hk05, 'hk05', v);
      const r = await resetFor(hk05, v.id);
      expect(r.status).toBe(404);
      expect(await r.text()).toBe(unknownBody);
    }
  });

  it('neither an officer nor an owner can reset a platform admin who joined a shop', async () => {
    const roti = await as('pemilik@roti-balang.test');
    const admin = await as('admin@etalase.test');
    await joinAsStaff(roti, 'roti-balang', admin);
    const officer = await as('pendamping@gowa.test');
    expect((await resetFor(officer, admin.id)).status).toBe(404);
    expect((await resetFor(roti, admin.id)).status).toBe(404);
    // The admin may reset an owner; nobody may reset themselves.
    expect((await resetFor(admin, roti.id)).status).toBe(201);
    expect((await resetFor(admin, admin.id)).status).toBe(404);
  });

  it('staff of two shops: neither owner alone may reset them; the officer may, logged in both shops; the holder is told who and when', async () => {
    const hk05 = await as('pemilik@hk05.test');
    const roti = await as('pemilik@roti-balang.test');
    const staff = await as('staf@hk05.test');
    expect((await resetFor(hk05, staff.id)).status).toBe(201); // only staff of HK05 so far
    await joinAsStaff(roti, 'roti-balang', staff);
    expect((await resetFor(hk05, staff.id)).status).toBe(404);
    expect((await resetFor(roti, staff.id)).status).toBe(404);

    const officer = await as('pendamping@gowa.test');
    const issued = await resetFor(officer, staff.id);
    expect(issued.status).toBe(201);
    expect(await actions(hk05, 'hk05')).toContain('auth.reset_issued');
    expect(await actions(roti, 'roti-balang')).toContain('auth.reset_issued');

    const { url } = (await issued.json()) as { url: string };
    expect((await new Client(server.url).form(new URL(url).pathname, { newPassword: 'reset-oleh-pendamping-1' })).status).toBe(303);
    // Next sign-in through the form lands on the account page, which says who reset the password and when.
    const back = new Client(server.url);
    const signedIn = await back.form('/masuk?next=%2Fdashboard%2Fhk05', {
      identifier: 'staf@hk05.test',
      password: 'reset-oleh-pendamping-1',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/akun?next=%2Fdashboard%2Fhk05');
    const page = await (await back.get('/akun?next=%2Fdashboard%2Fhk05')).text();
    expect(page).toContain('Kata sandi Anda direset oleh Andi Officer (Dinas Koperasi) pada');
    expect(page).toContain('href="/dashboard/hk05"');
    expect(await (await back.get('/akun')).text()).not.toContain('direset oleh');

    // The API's sign-in answer carries the notice instead (once), in English too.
    const again = await resetFor(officer, staff.id);
    const path = new URL(((await again.json()) as { url: string }).url).pathname;
    expect((await new Client(server.url).form(path, { newPassword: 'reset-kedua-kali-1' })).status).toBe(303);
    const api = new Client(server.url, { lang: 'en' });
    const r = await api.post('/api/v1/session', { identifier: 'staf@hk05.test', password: 'reset-kedua-kali-1' });
    expect(r.status).toBe(201);
    const body = (await r.json()) as { resetNotices: { byName: string; at: string }[] };
    expect(body.resetNotices.map((n) => n.byName)).toEqual(['Andi Officer (Dinas Koperasi)']);
    expect(Date.parse(body.resetNotices[0]!.at)).not.toBeNaN();
    expect(await (await api.get('/akun')).text()).not.toContain('was reset by');
  });

  it('the staff and program pages offer a reset link exactly where issuing one succeeds (one rule decides both)', async () => {
    // By now HK05's staff include another shop's owner and the program officer, and staf@hk05 is staff of two shops.
    const hk05 = await as('pemilik@hk05.test');
    const newcomer = new Client(server.url);
    expect(
      (await newcomer.post('/api/v1/users', { name: 'Staf Satu Toko', phone: '0857-5555-1234', password: 'staf-satu-toko-1' })).status,
    ).toBe(201);
    await joinAsStaff(hk05, 'hk05', newcomer);
    const { members } = (await (await hk05.get('/api/v1/shops/hk05/members')).json()) as {
      members: { id: string; role: string; canReset: boolean }[];
    };
    const staff = members.filter((m) => m.role === 'staff');
    expect(staff.length).toBeGreaterThanOrEqual(4);
    // Only the newcomer is nobody but HK05's staff: the one member the owner may reset.
    const resettable = members.filter((m) => m.canReset);
    expect(resettable).toHaveLength(1);
    const staffPage = await (await hk05.get('/dashboard/hk05/staf')).text();
    const offered = (html: string, field: string) =>
      [...html.matchAll(new RegExp(`name="${field}" value="([^"]+)"`, 'g'))].map((m) => m[1]!);
    const forms = staffPage.split('<form').slice(1);
    expect(forms.filter((f) => f.includes('name="action" value="remove"')).length).toBe(staff.length);
    const resetForms = forms.filter((f) => f.includes('name="action" value="reset"'));
    expect(resetForms).toHaveLength(1);
    expect(resetForms[0]).toContain(`name="memberId" value="${resettable[0]!.id}"`);
    expect([...new Set(offered(staffPage, 'memberId'))].sort()).toEqual(staff.map((m) => m.id).sort()); // removing stays offered
    for (const m of members) expect((await resetFor(hk05, m.id)).status).toBe(m.canReset ? 201 : 404);

    const officer = await as('pendamping@gowa.test');
    const programPage = await (await officer.get('/program')).text();
    const buttons = offered(programPage, 'userId');
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons).not.toContain(officer.id);
    for (const id of buttons) expect((await resetFor(officer, id)).status).toBe(201);
    const admin = await as('admin@etalase.test');
    expect(programPage).toContain('Admin Etalase');
    expect(buttons).not.toContain(admin.id);
  });
});
