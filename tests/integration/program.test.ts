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

describe(`program officers (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('see program-wide figures per village', async () => {
    const officer = new Client(server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const body = (await (await officer.get('/api/v1/program/summary')).json()) as {
      programs: { name: string; shopCount: number; villages: { name: string; shops: number }[] }[];
    };
    expect(body.programs).toHaveLength(1);
    expect(body.programs[0]!.name).toBe('OVOP Kabupaten Gowa');
    expect(body.programs[0]!.shopCount).toBe(3);
    // Every official desa of Gowa is a village of the program now (issue 12); three hold the demo shops.
    expect(body.programs[0]!.villages).toHaveLength(168);
    expect(
      body.programs[0]!.villages.filter((v) => v.shops > 0)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['Balang-Balang', 'Borongloe', 'Romang Lompoa']);
    const page = await (await officer.get('/program')).text();
    expect(page).toContain('Romang Lompoa');
    expect(page).toContain('Hj. Kasma (HK05)');
  });

  it('the program page groups the 168 villages by kecamatan, kecamatan with shops first, villages without shops folded (both languages)', async () => {
    const officer = new Client(server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const page = await (await officer.get('/program')).text();
    const districts = [...page.matchAll(/<details class="district"([^>]*) data-district="([^"]+)" data-shops="(\d+)"([^>]*)>/g)].map(
      (m) => ({
        open: /\bopen\b/.test(m[1]! + m[4]!),
        name: m[2]!,
        shops: Number(m[3]),
      }),
    );
    // Gowa's 18 kecamatan, each once; the demo's three shops are all in Bontomarannu, which comes first and open.
    expect(districts).toHaveLength(18);
    expect(new Set(districts.map((d) => d.name)).size).toBe(18);
    expect(districts[0]).toEqual({ open: true, name: 'Bontomarannu', shops: 3 });
    expect(districts.slice(1).every((d) => !d.open && d.shops === 0)).toBe(true);
    const rest = districts.slice(1).map((d) => d.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'id')));
    // Villages with shops are table rows; the others are only counted and listed inside a closed fold.
    const rows = [...page.matchAll(/<tr data-village="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['Balang-Balang', 'Borongloe', 'Romang Lompoa']);
    const folded = [...page.matchAll(/<details class="empty-villages"[^>]* data-empty="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(rows.length + folded).toBe(168);
    expect(page).toContain('Desa dengan toko: 3 dari 168');
    expect(page).toContain('Desa yang belum punya toko:');
    const en = new Client(server.url, { lang: 'en' });
    await en.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const english = await (await en.get('/program')).text();
    expect(english).toContain('Villages by sub-district');
    expect(english).toContain('Villages with shops: 3 of 168');
    expect(english).toContain('Villages without shops yet:');
    expect(english).not.toContain('Desa yang belum punya toko');
  });

  it('configure the program time zone; shop times follow it (WITA by default)', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    expect(await (await owner.get('/dashboard/hk05/audit')).text()).toContain('WITA');
    const officer = new Client(server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const page = await (await officer.get('/program')).text();
    const programId = /name="programId" value="([a-z0-9]+)"/.exec(page)![1]!;
    const bad = await officer.form('/program', { action: 'settings', programId, timezone: 'Europe/Paris' });
    expect(bad.status).toBe(400);
    const ok = await officer.form('/program', { action: 'settings', programId, timezone: 'Asia/Jakarta' });
    expect(ok.status).toBe(303);
    const audit = await (await owner.get('/dashboard/hk05/audit')).text();
    expect(audit).toContain('WIB');
    expect(audit).not.toContain('WITA');
    // A shop owner cannot change program settings.
    expect((await owner.form('/program', { action: 'settings', programId, timezone: 'Asia/Makassar' })).status).toBe(404);
  });

  it('issue a reset link from the program page only with the reset action; any other action is refused (400) and issues nothing', async () => {
    const officer = new Client(server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const page = await (await officer.get('/program')).text();
    const userId = /name="action" value="reset"\s*\/?><input type="hidden" name="userId" value="([^"]+)"/.exec(page)![1]!;
    for (const fields of [{ userId }, { action: 'hapus', userId }] as Record<string, string>[]) {
      const refused = await officer.form('/program', fields);
      expect(refused.status).toBe(400);
      expect(await refused.text()).not.toContain('/reset/');
    }
    const issued = await officer.form('/program', { action: 'reset', userId });
    expect(issued.status).toBe(200);
    expect(await issued.text()).toMatch(/\/reset\/[A-Za-z0-9_-]+/);
  });
});
