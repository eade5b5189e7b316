import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { csvObjects } from '../helpers/csv.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

const db = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

/** Where a browser would go for a Location header: tab/CR/LF dropped, `\` read as `/` (WHATWG URL parsing). */
function browserTarget(location: string, base: string): string {
  return new URL(location, base).origin;
}

const OFFSITE = [
  '/%09/evil.example', '/%0d%0a/evil.example', '/%5Cevil.example', '/%5C%5Cevil.example', '//evil.example',
  'https://evil.example/', '/%2F/evil.example', 'javascript:alert(1)', '/ok%09path', '/a%5Cb',
];

describe(`open redirects (${db})`, () => {
  it('the language switch follows only same-origin paths without control characters or backslashes', async () => {
    for (const next of OFFSITE) {
      const r = await fetch(`${server.url}/bahasa?lang=en&next=${next}`, { redirect: 'manual' });
      expect(r.status, next).toBe(303);
      const location = r.headers.get('location')!;
      expect(location, next).toBe('/');
      expect(browserTarget(location, server.url)).toBe(server.url);
    }
    const ok = await fetch(`${server.url}/bahasa?lang=en&next=${encodeURIComponent('/hk05?q=kue')}`, { redirect: 'manual' });
    expect(ok.headers.get('location')).toBe('/hk05?q=kue');
  });

  it('sign-in, sign-up and the cart follow the same rule', async () => {
    for (const next of OFFSITE) {
      const a = new Client(server.url);
      const r = await a.form(`/masuk?next=${next}`, { identifier: 'staf@hk05.test', password: DEMO_PASSWORD });
      expect(r.status, next).toBe(303);
      expect(r.headers.get('location'), next).toBe('/dashboard');
      // The sign-up link on the sign-in page carries only the checked value.
      const page = await (await new Client(server.url).get(`/masuk?next=${next}`)).text();
      expect(page, next).toContain('<a href="/daftar?next=%2Fdashboard">');
    }
    const cart = new Client(server.url);
    const product = (await (await cart.get('/api/v1/shops/hk05/products')).json() as { products: { id: string; variants: { id: string }[] }[] })
      .products.find((p) => p.variants.length === 0)!;
    for (const returnTo of OFFSITE.map(decodeURIComponent)) {
      const r = await cart.form('/hk05/keranjang', { productId: product.id, variantId: '', quantity: '1', action: 'add', returnTo });
      expect(r.status, JSON.stringify(returnTo)).toBe(303);
      expect(r.headers.get('location'), JSON.stringify(returnTo)).toBe('/hk05/keranjang');
    }
    const back = await cart.form('/hk05/keranjang', { productId: product.id, variantId: '', quantity: '1', action: 'add', returnTo: '/hk05?q=kue' });
    expect(back.headers.get('location')).toBe('/hk05?q=kue');
  });
});

describe(`CSV formula injection (${db})`, () => {
  it('the Meta feed never starts a cell with = + - @ tab or CR', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const name = '=HYPERLINK("https://evil.example","Klik")';
    const created = await owner.post('/api/v1/shops/hk05/products', {
      name, description: '+1+2 cmd', category: '@SUM(A1)', price: 15000, status: 'published',
      variants: [{ name: '-Pedas', price: 15000 }, { name: 'Manis', price: 16000 }],
    });
    expect(created.status).toBe(201);
    const { product } = await created.json() as { product: { id: string } };
    const fd = new FormData();
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c06030' } }).jpeg().toBuffer();
    fd.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'foto.jpg');
    expect((await owner.request(`/api/v1/shops/hk05/products/${product.id}/photos`, { method: 'POST', body: fd })).status).toBe(201);

    const text = await (await fetch(`${server.url}/hk05/feed/meta.csv`)).text();
    const rows = csvObjects(text);
    const ours = rows.filter((r) => r.item_group_id === product.id);
    expect(ours.map((r) => r.title).sort()).toEqual([`'${name} – -Pedas`, `'${name} – Manis`]);
    expect(ours[0]).toMatchObject({ description: "'+1+2 cmd", product_type: "'@SUM(A1)" });
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) expect(cell, `${column}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
