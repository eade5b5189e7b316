import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client, multipart } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { tags } from '../helpers/html.ts';
import { testPhoto } from '../helpers/shop-data.ts';

/** Issue 11 item 8: a new shop's first steps, from creating it to sharing its catalog, without JavaScript. */
let server: TestServer;
let ina: Client;
let villageId: string;
beforeAll(async () => {
  server = await startServer();
  ina = new Client(server.url);
  expect((await ina.post('/api/v1/users', { name: 'Ibu Ina', phone: '0852-4111-2233', password: 'warung-ina-1' })).status).toBe(201);
  await ina.signIn('0852-4111-2233', 'warung-ina-1');
  villageId = ((await (await ina.get('/api/v1/villages')).json()) as { villages: { id: string }[] }).villages[0]!.id;
});
afterAll(async () => {
  await server?.stop();
});

const steps = async (c: Client, shop: string, lang = 'id') => {
  const html = await (await c.get(`/dashboard/${shop}?lang=${lang}`)).text();
  return Object.fromEntries(
    tags(html, 'li')
      .filter((li) => li['data-step'])
      .map((li) => [li['data-step'], li['data-done'] === '1']),
  );
};
const product = async (c: Client, shop: string, id: string) =>
  ((await (await c.get(`/api/v1/shops/${shop}/products/${id}`)).json()) as { product: { status: string } }).product.status;
const created = (res: Response) => res.headers.get('location')!.split('/').pop()!.split('?')[0]!;

describe(`a new shop's first steps (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the shop form names its two addresses apart, pre-fills the WhatsApp number and makes the address from the name', async () => {
    for (const [lang, online, street] of [
      ['id', 'Alamat toko online', 'Alamat usaha'],
      ['en', 'Online shop address', 'Business address'],
    ] as const) {
      const form = await (await ina.get(`/dashboard/baru?lang=${lang}`)).text();
      expect(form).toContain(online);
      expect(form).toContain(street);
      expect(tags(form, 'input').find((i) => i.name === 'whatsapp')!.value).toBe('+62 852-4111-2233');
    }
    // No address typed (no JavaScript to suggest one): the server makes it from the name.
    const first = await ina.form('/dashboard/baru', { name: 'Warung Bu Ina', slug: '', villageId, whatsapp: '0852-4111-2233' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/dashboard/warung-bu-ina');
    // A name whose address is taken gets the next free one.
    const taken = await ina.form('/dashboard/baru', { name: 'HK05', slug: '', villageId, whatsapp: '0852-4111-2233' });
    expect(taken.headers.get('location')).toBe('/dashboard/hk05-2');
  });

  it('ticks each step from the data: a product with price and photo is published at once, sharing is recorded', async () => {
    expect(await steps(ina, 'warung-bu-ina')).toEqual({
      productPhoto: false,
      productPublished: false,
      logo: false,
      brandPublished: false,
      shared: false,
    });
    const en = await (await ina.get('/dashboard/warung-bu-ina?lang=en')).text();
    expect(en).toContain('First steps');
    expect(en).toContain('Add a product with a photo');

    const photo = [{ data: await testPhoto() }];
    const add = (fields: Record<string, string>, files = photo) =>
      ina.request('/dashboard/warung-bu-ina/produk/baru', {
        method: 'POST',
        body: multipart({ unit: 'pcs', stockUnlimited: '1', ...fields }, files),
      });
    // Kept as a draft on purpose, and one without a photo: both stay drafts.
    const kept = await add({ name: 'Nasu Palekko', price: '25.000', keepDraft: '1' });
    expect(kept.status).toBe(303);
    expect(await product(ina, 'warung-bu-ina', created(kept))).toBe('draft');
    const bare = await add({ name: 'Es Pisang Ijo', price: '10.000' }, []);
    expect(await product(ina, 'warung-bu-ina', created(bare))).toBe('draft');
    expect(await steps(ina, 'warung-bu-ina')).toMatchObject({ productPhoto: true, productPublished: false });
    const ready = await add({ name: 'Barongko', price: '5.000' });
    const id = created(ready);
    expect(await product(ina, 'warung-bu-ina', id)).toBe('published');
    expect(await steps(ina, 'warung-bu-ina')).toMatchObject({ productPhoto: true, productPublished: true, shared: false });

    // Share on WhatsApp goes through the shop's page (recorded), then on to wa.me with the catalog link.
    const bad = await ina.form('/dashboard/warung-bu-ina', { channel: 'fax' });
    expect(bad.status).toBe(400);
    expect((await steps(ina, 'warung-bu-ina')).shared).toBe(false);
    const share = await ina.form('/dashboard/warung-bu-ina', { channel: 'whatsapp' });
    expect(share.status).toBe(303);
    const wa = new URL(share.headers.get('location')!);
    expect(wa.origin + wa.pathname).toBe('https://wa.me/');
    expect(wa.searchParams.get('text')).toContain(`${server.url}/warung-bu-ina`);
    expect((await steps(ina, 'warung-bu-ina')).shared).toBe(true);
    expect((await ina.form('/dashboard/warung-bu-ina', { channel: 'copy' })).status).toBe(204);
    const log = await (await ina.get('/dashboard/warung-bu-ina/audit')).text();
    expect(log).toContain('Ibu Ina membagikan tautan katalog');
    expect(log).toContain('Ibu Ina menambahkan produk Barongko');
  });

  it("publishes or hides a product from the list with one form button, and never another shop's product", async () => {
    const list = async () => (await ina.get('/dashboard/warung-bu-ina/produk')).text();
    const rows = tags(await list(), 'li').filter((li) => li['data-product']);
    const draft = rows.find((li) => li.class?.includes('item'))!['data-product']!;
    const forms = (await list()).split('data-product=').slice(1);
    expect(forms.every((f) => f.includes('data-toggle'))).toBe(true);

    const publish = await ina.form('/dashboard/warung-bu-ina/produk?status=draft', { id: draft, status: 'published' });
    expect(publish.status).toBe(303);
    expect(publish.headers.get('location')).toBe(`/dashboard/warung-bu-ina/produk?status=draft#p-${draft}`);
    expect(await product(ina, 'warung-bu-ina', draft)).toBe('published');
    expect((await ina.form('/dashboard/warung-bu-ina/produk', { id: draft, status: 'draft' })).status).toBe(303);
    expect(await product(ina, 'warung-bu-ina', draft)).toBe('draft');
    expect(await list()).toContain('Tampilkan');

    // Another shop's owner posting Ina's product id to their own list: not found, nothing changed.
    const other = new Client(server.url);
    await other.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
    expect((await other.form('/dashboard/roti-balang/produk', { id: draft, status: 'published' })).status).toBe(404);
    expect(await product(ina, 'warung-bu-ina', draft)).toBe('draft');
    // And Ina cannot post to a shop she is not a member of.
    expect((await ina.form('/dashboard/hk05/produk', { id: draft, status: 'published' })).status).toBe(404);
  });
});
