import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/**
 * Issue 12 data entry over HTTP on the seeded demo: the Gowa program's official areas, an officer registering
 * a shop and handing it over with a claim link, and the doors: program B's officer and shop owners get 404.
 */
let server: TestServer;
let db: typeof import('#server/db/index.ts').db;
let programA = '';
let hk05Id = '';
const OFFICER_B = 'pendamping@takalar.test';

beforeAll(async () => {
  server = await startServer();
  Object.assign(process.env, server.db.env);
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  (await import('#server/config.ts')).resetConfig();
  db = (await import('#tests/helpers/db.ts')).ownerDb;
  const { newId, nowIso } = await import('#server/util.ts');
  const { hashPassword } = await import('#server/auth/password.ts');
  programA = (await db().selectFrom('programs').select('id').where('slug', '=', 'ovop-gowa').executeTakeFirstOrThrow()).id;
  hk05Id = (await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow()).id;
  const programB = newId();
  const userB = newId();
  await db().insertInto('programs').values({ id: programB, slug: 'ovop-takalar', name: 'OVOP Takalar', created_at: nowIso() }).execute();
  await db()
    .insertInto('users')
    .values({
      id: userB,
      name: 'Officer B',
      email: OFFICER_B,
      phone: null,
      password_hash: await hashPassword(DEMO_PASSWORD),
      created_at: nowIso(),
    })
    .execute();
  await db().insertInto('program_officers').values({ program_id: programB, user_id: userB }).execute();
});
afterAll(async () => {
  await (await import('#server/db/index.ts')).closeDb();
  await server?.stop();
});

async function signedIn(who: string) {
  const c = new Client(server.url);
  await c.signIn(who, DEMO_PASSWORD);
  return c;
}

describe(`program registry over HTTP (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the demo program is Kabupaten Gowa with its official areas; Balang-Balang is a local area under Romang Lompoa', async () => {
    const officer = await signedIn('pendamping@gowa.test');
    const page = await officer.get('/program/toko');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('18 kecamatan · 167 desa/kelurahan resmi · 1 wilayah setempat');
    expect(html).toContain('Roti Balang-Balang');
    const balang = await db()
      .selectFrom('villages')
      .select(['code', 'parent_id'])
      .where('slug', '=', 'balang-balang')
      .executeTakeFirstOrThrow();
    const romang = await db().selectFrom('villages').select(['id', 'code']).where('slug', '=', 'romang-lompoa').executeTakeFirstOrThrow();
    expect(balang).toEqual({ code: null, parent_id: romang.id });
    expect(romang.code).toBe('73.06.06.1012');
    const list = (await (await officer.get(`/api/v1/program/${programA}/shops`)).json()) as {
      shops: { name: string; ownerName: string }[];
    };
    expect(list.shops.map((s) => s.name).sort()).toEqual(['HK05 Telur Asin Bakar', 'Kopi Borongloe', 'Roti Balang-Balang'].sort());
  });

  it('an officer registers a shop for an owner without an account and hands it over with a single-use claim link', async () => {
    const officer = await signedIn('pendamping@gowa.test');
    const village = await db().selectFrom('villages').select('id').where('code', '=', '73.06.01.2017').executeTakeFirstOrThrow();
    const made = await officer.post(`/api/v1/program/${programA}/shops`, {
      name: 'Dodol Romanglasa',
      whatsapp: '0813-5555-0001',
      villageId: village.id,
      ownerName: 'Ibu Rahma',
      nib: '9120001234567',
      kbli: '10794',
      businessScale: 'mikro',
    });
    expect(made.status).toBe(201);
    const shop = (await made.json()) as { id: string; slug: string };
    const base = `/api/v1/program/${programA}/shops/${shop.id}`;
    expect(
      (
        await officer.request(`${base}/registry`, {
          method: 'PUT',
          json: { ownerName: 'Ibu Rahma', ovopStar: 2, programStartDate: '2025-08-01' },
        })
      ).status,
    ).toBe(204);
    expect(
      (await officer.post(`${base}/licences`, { kind: 'halal', number: 'ID00000012345', issuedOn: '2024-05-01', expiresOn: '' })).status,
    ).toBe(201);
    expect(
      (await officer.request(`${base}/baselines`, { method: 'PUT', json: { month: '2025-07', salesRupiah: 750000, method: 'wawancara' } }))
        .status,
    ).toBe(204);
    const bad = await officer.request(`${base}/baselines`, { method: 'PUT', json: { month: '2025-13', salesRupiah: -1, method: '' } });
    expect(bad.status).toBe(400);
    const card = (await (await officer.get(base)).json()) as {
      hasOwner: boolean;
      facts: { ovopStar: number };
      licences: unknown[];
      baselines: unknown[];
    };
    expect(card).toMatchObject({ hasOwner: false, facts: { ovopStar: 2 } });
    expect(card.licences).toHaveLength(1);
    expect(card.baselines).toHaveLength(1);
    expect(await (await officer.get(`/program/toko/${shop.id}?program=${programA}`)).text()).toContain('750.000');

    const claim = (await (await officer.post(`${base}/claim-links`)).json()) as { url: string; whatsappUrl: string };
    expect(claim.whatsappUrl).toMatch(/^https:\/\/wa\.me\/6281355550001\?text=/);
    const path = new URL(claim.url).pathname;
    const owner = new Client(server.url);
    expect((await owner.post('/api/v1/users', { name: 'Ibu Rahma', phone: '0813-5555-0001', password: 'dodol-enak-123' })).status).toBe(
      201,
    );
    expect(await (await owner.get(path)).text()).toContain('Klaim toko Dodol Romanglasa');
    const accepted = await owner.form(path, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/dashboard/${shop.slug}`);
    expect((await owner.get(`/dashboard/${shop.slug}/pengaturan`)).status).toBe(200);
    // Used once: the same link is dead for anyone else.
    const late = new Client(server.url);
    await late.post('/api/v1/users', { name: 'Orang Lain', phone: '0813-5555-0002', password: 'orang-lain-123' });
    expect((await late.get(path)).status).toBe(404);
    expect((await late.form(path, {})).status).toBe(404);
    expect((await officer.get(base)).status).toBe(200);
    expect(((await (await officer.get(base)).json()) as { hasOwner: boolean }).hasOwner).toBe(true);
  });

  it("an officer of program B gets 404 on every page and API of program A's registry", async () => {
    const b = await signedIn(OFFICER_B);
    const base = `/api/v1/program/${programA}/shops/${hk05Id}`;
    const tries: [string, Promise<Response>][] = [
      ['list', b.get(`/api/v1/program/${programA}/shops`)],
      ['card', b.get(base)],
      ['facts', b.request(`${base}/registry`, { method: 'PUT', json: { ownerName: 'x' } })],
      ['licence', b.post(`${base}/licences`, { kind: 'pirt', number: '123456' })],
      ['baseline', b.request(`${base}/baselines`, { method: 'PUT', json: { month: '2025-01', salesRupiah: 1, method: 'xyz' } })],
      ['claim', b.post(`${base}/claim-links`)],
      ['areas', b.request(`/api/v1/program/${programA}/areas`, { method: 'PUT', json: { kabupatenCode: '73.05' } })],
      ['register', b.post(`/api/v1/program/${programA}/shops`, { name: 'Toko B', whatsapp: '081299990000', villageId: 'x' })],
      ['page: registry of A', b.get(`/program/toko?program=${programA}`)],
      ['page: card of A', b.get(`/program/toko/${hk05Id}?program=${programA}`)],
      ['page: card of A via B', b.get(`/program/toko/${hk05Id}`)],
    ];
    for (const [name, res] of tries) expect((await res).status, name).toBe(404);
    // B's own registry page shows none of A's shops.
    const own = await b.get('/program/toko');
    expect(own.status).toBe(200);
    expect(await own.text()).not.toContain('HK05');
    expect(
      await db().selectFrom('shop_invites').select('token_hash').where('shop_id', '=', hk05Id).where('role', '=', 'owner').execute(),
    ).toEqual([]);
  });

  it('a shop owner cannot open officer pages or APIs, and sets the opt-out and a baseline on their own shop', async () => {
    const owner = await signedIn('pemilik@hk05.test');
    const base = `/api/v1/program/${programA}/shops/${hk05Id}`;
    for (const res of [
      owner.get('/program/toko'),
      owner.get(`/program/toko/${hk05Id}?program=${programA}`),
      owner.get(`/api/v1/program/${programA}/shops`),
      owner.get(base),
      owner.post(`${base}/claim-links`),
      owner.request(`${base}/registry`, { method: 'PUT', json: { ownerName: 'x' } }),
    ])
      expect((await res).status).toBe(404);
    const staff = await signedIn('staf@hk05.test');
    expect((await staff.request('/api/v1/shops/hk05/program-privacy', { method: 'PUT', json: { optOut: true } })).status).toBe(403);
    const set = await owner.request('/api/v1/shops/hk05/program-privacy', { method: 'PUT', json: { optOut: true } });
    expect(await set.json()).toEqual({ optOut: true });
    expect(
      (
        await owner.request('/api/v1/shops/hk05/baselines', {
          method: 'PUT',
          json: { month: '2024-12', salesRupiah: 2_000_000, method: 'buku kas' },
        })
      ).status,
    ).toBe(204);
    expect(await (await owner.get('/dashboard/hk05/pendampingan')).text()).toMatch(/name="optOut" value="1" checked/);
    const officer = await signedIn('pendamping@gowa.test');
    const card = (await (await officer.get(base)).json()) as { facts: { optOut: boolean }; baselines: { month: string; method: string }[] };
    expect(card.facts.optOut).toBe(true);
    expect(card.baselines.find((x) => x.month === '2024-12')?.method).toBe('buku kas');
  });

  it('orders placed with the old hand-kept destination codes still validate and display', async () => {
    const buyer = new Client(server.url);
    const placed = await buyer.post('/api/v1/shops/hk05/orders', {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
      customerName: 'Pembeli Lama',
      customerPhone: '0812 0000 3333',
      delivery: 'courier',
      destination: '7311',
      address: 'Jl. Watampone',
      payment: 'whatsapp',
    });
    expect(placed.status).toBe(201);
    const { code } = (await placed.json()) as { code: string };
    expect(
      (await db().selectFrom('orders').select('destination_code').where('code', '=', code).executeTakeFirstOrThrow()).destination_code,
    ).toBe('7311');
    const owner = await signedIn('pemilik@hk05.test');
    expect(await (await owner.get(`/dashboard/hk05/pesanan/${code}`)).text()).toContain('Kabupaten Bone');
    const about = await new Client(server.url).get('/tentang');
    expect(about.status).toBe(200);
    expect(await about.text()).toContain('Open Database License (ODbL)');
  });
});
