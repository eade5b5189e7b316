import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import sharp from 'sharp';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { csvObjects } from '../helpers/csv.ts';
import { sendChunked } from '../helpers/raw-http.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const db = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

/** Where a browser would go for a Location header: tab/CR/LF dropped, `\` read as `/` (WHATWG URL parsing). */
function browserTarget(location: string, base: string): string {
  return new URL(location, base).origin;
}

const OFFSITE = [
  '/%09/evil.example',
  '/%0d%0a/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '//evil.example',
  'https://evil.example/',
  '/%2F/evil.example',
  'javascript:alert(1)',
  '/ok%09path',
  '/a%5Cb',
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
    const product = (
      (await (await cart.get('/api/v1/shops/hk05/products')).json()) as { products: { id: string; variants: { id: string }[] }[] }
    ).products.find((p) => p.variants.length === 0)!;
    for (const returnTo of OFFSITE.map(decodeURIComponent)) {
      const r = await cart.form('/hk05/keranjang', { productId: product.id, variantId: '', quantity: '1', action: 'add', returnTo });
      expect(r.status, JSON.stringify(returnTo)).toBe(303);
      expect(r.headers.get('location'), JSON.stringify(returnTo)).toBe('/hk05/keranjang');
    }
    const back = await cart.form('/hk05/keranjang', {
      productId: product.id,
      variantId: '',
      quantity: '1',
      action: 'add',
      returnTo: '/hk05?q=kue',
    });
    // Back where the buyer was, at the product, with the "added" note (issue 11).
    expect(back.headers.get('location')).toBe(`/hk05?q=kue&ditambah=${product.id}#p-${product.id}`);
  });
});

describe(`CSV formula injection (${db})`, () => {
  it('the Meta feed never starts a cell with = + - @ tab or CR', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const name = '=HYPERLINK("https://evil.example","Klik")';
    const created = await owner.post('/api/v1/shops/hk05/products', {
      name,
      description: '+1+2 cmd',
      category: '@SUM(A1)',
      price: 15000,
      status: 'published',
      variants: [
        { name: '-Pedas', price: 15000 },
        { name: 'Manis', price: 16000 },
      ],
    });
    expect(created.status).toBe(201);
    const { product } = (await created.json()) as { product: { id: string } };
    const fd = new FormData();
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c06030' } })
      .jpeg()
      .toBuffer();
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

const KB = 1024;
const MB = 1024 * 1024;

/** Peak resident memory of a process since the last reset (Linux: VmHWM, reset by writing 5 to clear_refs). */
function resetPeakRss(pid: number) {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))!;
  return Number(m[1]) * KB;
}
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))!;
  return Number(m[1]) * KB;
}

describe(`request body caps (${db})`, () => {
  const json = { 'content-type': 'application/json' };
  const form = () => ({ 'content-type': 'application/x-www-form-urlencoded', origin: server.url });

  it('a chunked JSON body over 64 KB is refused with 413, the connection closed, nothing written', async () => {
    const r = await sendChunked(server.url, '/api/v1/users', {
      headers: json,
      prefix: '{"name":"Daeng Besar","phone":"0813-9999-0001","password":"kata-sandi-1"',
      suffix: '}',
      total: 70 * KB,
    });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toEqual({ error: { code: 'payload_too_large', message: 'Isi permintaan terlalu besar.' } });
    const signIn = await new Client(server.url).post('/api/v1/session', { identifier: '0813-9999-0001', password: 'kata-sandi-1' });
    expect(signIn.status).toBe(400);
    // The same body under the cap is an ordinary sign-up.
    const ok = await sendChunked(server.url, '/api/v1/users', {
      headers: json,
      prefix: '{"name":"Daeng Kecil","phone":"0813-9999-0002","password":"kata-sandi-1"',
      suffix: '}',
      total: 60 * KB,
    });
    expect(ok.status).toBe(201);
  });

  it("a form page refuses a body over 64 KB the same way, in the visitor's language", async () => {
    const r = await sendChunked(server.url, '/daftar', {
      headers: form(),
      prefix: 'name=Daeng+Form&phone=0813-9999-0003&password=kata-sandi-1&x=',
      total: 70 * KB,
      fillByte: 0x61,
    });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(r.body).toContain('Isi permintaan terlalu besar.');
    expect((await new Client(server.url).post('/api/v1/session', { identifier: '0813-9999-0003', password: 'kata-sandi-1' })).status).toBe(
      400,
    );
    // A dashboard form that reads its body outside the form helper still answers 413 (the error page).
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const staff = await sendChunked(server.url, '/dashboard/hk05/staf', {
      headers: { ...form(), cookie: `etalase_session=${owner.cookies.get('etalase_session')}` },
      prefix: 'action=invite&x=',
      total: 70 * KB,
      fillByte: 0x61,
    });
    expect(staff.status).toBe(413);
    expect(staff.body).toContain('Isi permintaan terlalu besar.');
  });

  it('routes that declare more accept more, and no more: designs 1.1 MB, design images 15 MB, the webhook 512 KB', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const cookie = `etalase_session=${owner.cookies.get('etalase_session')}`;
    const { designs } = (await (await owner.get('/api/v1/shops/hk05/designs')).json()) as { designs: { id: string }[] };
    const design = `/api/v1/shops/hk05/designs/${designs[0]!.id}`;
    const put = (total: number) =>
      sendChunked(server.url, design, {
        method: 'PUT',
        headers: { ...json, cookie },
        prefix: '{"doc":"',
        suffix: '"}',
        total,
        fillByte: 0x78,
      });
    expect((await put(200 * KB)).status).toBe(400); // read and parsed: not a design
    expect((await put(1200 * KB)).status).toBe(413);

    const boundary = 'etalase-test-boundary';
    const upload = (total: number) =>
      sendChunked(server.url, '/api/v1/shops/hk05/design-images', {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, origin: server.url },
        prefix: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
        suffix: `\r\n--${boundary}--\r\n`,
        total,
      });
    expect((await upload(2 * MB)).status).toBe(400); // read: not an image
    const big = await upload(16 * MB);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('payload_too_large');

    const hook = (total: number) =>
      sendChunked(server.url, '/api/v1/stripe/webhook', {
        headers: { ...json, 'stripe-signature': 't=1,v1=00' },
        prefix: '{"id":"',
        suffix: '"}',
        total,
        fillByte: 0x61,
      });
    expect((await hook(100 * KB)).status).not.toBe(413);
    expect((await hook(600 * KB)).status).toBe(413);
  });

  it('server memory stays flat under 8 parallel 100 MB bodies', async () => {
    const owner = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const cookie = `etalase_session=${owner.cookies.get('etalase_session')}`;
    const pid = server.proc.pid!;
    const before = rss(pid);
    resetPeakRss(pid);
    const boundary = 'etalase-test-boundary';
    const attacks = [
      () => sendChunked(server.url, '/api/v1/users', { headers: json, prefix: '{"name":"', total: 100 * MB, fillByte: 0x61 }),
      () => sendChunked(server.url, '/daftar', { headers: form(), prefix: 'name=', total: 100 * MB, fillByte: 0x61 }),
      () =>
        sendChunked(server.url, '/api/v1/stripe/webhook', {
          headers: { ...json, 'stripe-signature': 't=1,v1=00' },
          prefix: '{"id":"',
          total: 100 * MB,
          fillByte: 0x61,
        }),
      () =>
        sendChunked(server.url, '/api/v1/shops/hk05/design-images', {
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, origin: server.url },
          prefix: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
          total: 100 * MB,
        }),
    ];
    const results = await Promise.all([...attacks, ...attacks].map((a) => a()));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(413));
    const growth = peakRss(pid) - before;
    expect(growth, `peak RSS grew by ${Math.round(growth / MB)} MB`).toBeLessThan(100 * MB);
    expect(Math.max(...results.map((r) => r.sent)), 'the server stopped reading long before 100 MB').toBeLessThan(50 * MB);
  });
});

describe(`keep-alive (${db})`, () => {
  it("idle connections stay open 65 s, well past the client's own idle timer, so a reused one is never closed under it", async () => {
    const agent = new http.Agent({ keepAlive: true });
    const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      http
        .get(new URL('/api/v1/openapi.json', server.url), { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers));
        })
        .on('error', reject);
    });
    agent.destroy();
    expect(headers.connection).toBe('keep-alive');
    expect(headers['keep-alive']).toBe('timeout=65');
  });
});

describe(`rate limits declared on the route (${db})`, () => {
  it("sign-up is limited on the API with the page's limit, one budget per IP (last: it blocks this IP)", async () => {
    const c = new Client(server.url);
    let status = 0;
    let attempts = 0;
    for (; attempts < 60 && status !== 429; attempts++) status = (await c.post('/api/v1/users', {})).status;
    expect(status).toBe(429);
    expect(attempts).toBeLessThanOrEqual(50);
    const refused = await c.post('/api/v1/users', { name: 'Daeng Limit', phone: '0813-9999-0009', password: 'kata-sandi-1' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // The form draws on the same budget, and says so in the visitor's language.
    const page = await c.form('/daftar', { name: 'Daeng Limit', phone: '0813-9999-0009', password: 'kata-sandi-1' });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('Terlalu banyak percobaan');
    expect((await new Client(server.url).post('/api/v1/session', { identifier: '0813-9999-0009', password: 'kata-sandi-1' })).status).toBe(
      400,
    );
  });
});
