import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/**
 * Issue 8 item 10: a sign-in is copied into the audit log of every shop the person works for, so there it
 * may say only "signed in": no IP and no time of day, which belong to what they did for another shop.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

interface AuditEvent {
  action: string;
  actor: string | null;
  ip: string | null;
  created_at: string;
}

describe(`the audit log stays within the shop (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('an owner sees a staff member\'s sign-ins for another shop only as "signed in", without IP or time of day', async () => {
    const roti = new Client(server.url);
    await roti.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
    const inv = await roti.post('/api/v1/shops/roti-balang/invites');
    const staff = new Client(server.url);
    await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
    expect((await staff.form(new URL(((await inv.json()) as { url: string }).url).pathname, {})).status).toBe(303);
    // Rina signs in (say, to work for Roti Balang) from another network.
    await new Client(server.url).signIn('staf@hk05.test', DEMO_PASSWORD);

    const hk05 = new Client(server.url);
    await hk05.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    for (const [owner, shop] of [
      [hk05, 'hk05'],
      [roti, 'roti-balang'],
    ] as const) {
      const events = ((await (await owner.get(`/api/v1/shops/${shop}/audit`)).json()) as { events: AuditEvent[] }).events;
      const signIns = events.filter((e) => e.action === 'auth.sign_in' && e.actor === 'Rina (staf HK05)');
      expect(signIns.length).toBeGreaterThan(0);
      for (const e of signIns) {
        expect(e.ip).toBeNull();
        expect(e.created_at).toMatch(/T00:00:00\.000Z$/);
      }
    }
    // HK05 itself saw no activity here, so its log page shows no IP at all.
    const page = await (await hk05.get('/dashboard/hk05/audit')).text();
    expect(page).toContain('Rina (staf HK05) masuk ke Etalase');
    expect(page).not.toContain('>127.0.0.1<');
    // Events of the shop itself keep their time and IP.
    const own = ((await (await roti.get('/api/v1/shops/roti-balang/audit')).json()) as { events: AuditEvent[] }).events.find(
      (e) => e.action === 'staff.invited',
    )!;
    expect(own.ip).toBe('127.0.0.1');
    expect(own.created_at).not.toMatch(/T00:00:00\.000Z$/);
  });

  it("tells each change as a sentence in the reader's language, with names and Rupiah, never keys or ids, as cards", async () => {
    const rina = new Client(server.url);
    await rina.signIn('staf@hk05.test', DEMO_PASSWORD);
    const { products } = (await (await rina.get('/api/v1/shops/hk05/products')).json()) as { products: { id: string; slug: string }[] };
    const product = products.find((p) => p.slug === 'telur-asin-bakar-isi-10')!;
    const patch = (json: unknown) => rina.request(`/api/v1/shops/hk05/products/${product.id}`, { method: 'PATCH', json });
    expect((await patch({ price: 37000 })).status).toBe(200);
    expect((await patch({ status: 'draft', description: 'Telur asin bakar pilihan, isi 10.' })).status).toBe(200);
    expect((await patch({ status: 'published', price: 35000 })).status).toBe(200);

    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const id = await (await owner.get('/dashboard/hk05/audit')).text();
    expect(id).toContain('Rina (staf HK05) mengubah harga Telur Asin Bakar isi 10 dari Rp 35.000 menjadi Rp 37.000');
    expect(id).toContain('Rina (staf HK05) menyembunyikan Telur Asin Bakar isi 10 dari katalog');
    expect(id).toContain('Rina (staf HK05) mengubah deskripsi produk Telur Asin Bakar isi 10');
    expect(id).toContain('Rina (staf HK05) menerbitkan Telur Asin Bakar isi 10 di katalog');
    expect(id).toContain('Rina (staf HK05) mengubah harga Telur Asin Bakar isi 10 dari Rp 37.000 menjadi Rp 35.000');
    // Cards, not a wide table; no message key, no internal id.
    expect(id).not.toContain('<table');
    expect(id).not.toMatch(/audit\.(action|say|field)\./);
    expect(id).not.toContain(product.id);

    const en = await (await owner.get('/dashboard/hk05/audit?lang=en')).text();
    expect(en).toContain('Rina (staf HK05) changed the price of Telur Asin Bakar isi 10 from Rp 35.000 to Rp 37.000');
    expect(en).toContain('Rina (staf HK05) hid Telur Asin Bakar isi 10 from the catalog');
    expect(en).not.toMatch(/audit\.(action|say|field)\./);
    // The API tells the same sentences in the caller's language.
    const api = (await (await owner.get('/api/v1/shops/hk05/audit')).json()) as { events: { action: string; sentences: string[] }[] };
    expect(api.events.flatMap((e) => e.sentences)).toContain('Rina (staf HK05) menerbitkan Telur Asin Bakar isi 10 di katalog');
  });
});
