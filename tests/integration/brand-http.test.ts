import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/** The brand studio over HTTP: malicious designs, tenancy, roles, uploads, public brand hooks, font files. */
let server: TestServer;
const owner = () => new Client(server.url);
let hk: Client;
let staff: Client;
let other: Client;
let labelId: string;
let logoId: string;

beforeAll(async () => {
  server = await startServer();
  hk = owner();
  staff = owner();
  other = owner();
  await hk.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await staff.signIn('staf@hk05.test', DEMO_PASSWORD);
  await other.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
  const list = (await (await hk.get('/api/v1/shops/hk05/designs')).json()) as { designs: { id: string; kind: string }[] };
  labelId = list.designs.find((d) => d.kind === 'label')!.id;
  logoId = list.designs.find((d) => d.kind === 'logo')!.id;
}, 900_000);
afterAll(async () => {
  await server?.stop();
});

const logo = (objects: unknown[]) => ({ v: 1, page: { kind: 'logo' }, background: '', objects });
async function put(c: Client, id: string, doc: unknown) {
  const r = await c.request(`/api/v1/shops/hk05/designs/${id}`, { method: 'PUT', json: { doc } });
  return {
    status: r.status,
    body: (await r.json()) as { error?: { message: string; fields?: Record<string, string[]> }; version?: number },
  };
}

describe('malicious designs are refused with a clear message', () => {
  it('remote image URL, file: URL, data: URL', async () => {
    for (const src of ['https://attacker.example/pixel.png', 'file:///etc/passwd', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=']) {
      const r = await put(hk, logoId, logo([{ type: 'Image', src, width: 10, height: 10 }]));
      expect(r.status, src).toBe(400);
      expect(r.body.error!.message).toContain('Gambar hanya boleh dari unggahan toko ini');
    }
  });
  it('10,000 objects', async () => {
    const r = await put(hk, logoId, logo(Array.from({ length: 10_000 }, () => ({ type: 'Rect', width: 1, height: 1 }))));
    expect(r.status).toBe(400);
    expect(r.body.error!.message).toBe('Desain berisi terlalu banyak objek (maksimal 500).');
  });
  it('script in text, event-handler properties, gradients', async () => {
    let r = await put(hk, logoId, logo([{ type: 'Textbox', text: '<script>fetch("/api/v1/session")</script>' }]));
    expect([r.status, r.body.error!.message]).toEqual([400, 'Teks tidak boleh berisi kode HTML atau skrip.']);
    r = await put(hk, logoId, logo([{ type: 'Rect', width: 5, onload: 'alert(1)' }]));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error)).toContain('onload');
    r = await put(
      hk,
      logoId,
      logo([{ type: 'Rect', fill: { type: 'linear', colorStops: [{ offset: 0, color: '"><script>alert(1)</script>' }] } }]),
    );
    expect(r.status).toBe(400);
  });
  it('the markup check is linear: 500 texts of "<" and 1,999 spaces are checked and saved, not a server hang', async () => {
    const created = await hk.request('/api/v1/shops/hk05/designs', { method: 'POST', json: { kind: 'logo', name: 'Blanks' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const text = `<${' '.repeat(1999)}`;
    const doc = logo(Array.from({ length: 500 }, () => ({ type: 'Textbox', text })));
    // A hang detector, not a speed assertion: the old quadratic check blocked the server ~30 s on this body,
    // the linear one answers in a fraction of a second even on a loaded machine.
    const r = await hk.request(`/api/v1/shops/hk05/designs/${id}`, { method: 'PUT', json: { doc }, signal: AbortSignal.timeout(15_000) });
    expect(r.status).toBe(200);
    const saved = (await (await hk.get(`/api/v1/shops/hk05/designs/${id}`)).json()) as { doc: { objects: { text: string }[] } };
    expect(saved.doc.objects).toHaveLength(500);
    expect(saved.doc.objects.every((o) => o.text === text)).toBe(true);
  });
  it('a body over the size cap is refused before parsing', async () => {
    const r = await hk.request(`/api/v1/shops/hk05/designs/${logoId}`, {
      method: 'PUT',
      json: { doc: logo([{ type: 'Textbox', text: 'x'.repeat(1_200_000) }]) },
    });
    expect(r.status).toBe(413);
  });
  it('the English caller gets English messages', async () => {
    const en = new Client(server.url, { lang: 'en' });
    await en.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const r = await put(en, logoId, logo([{ type: 'Image', src: 'http://169.254.169.254/', width: 1, height: 1 }]));
    expect(r.body.error!.message).toMatch(/^Images may only come from this shop's uploads/);
  });
});

describe('tenancy and roles', () => {
  it("another shop's owner gets 404 on HK05's designs, versions and exports, and writes nothing", async () => {
    for (const path of [
      `/designs/${labelId}`,
      `/designs/${labelId}/versions`,
      `/designs/${labelId}/export?format=pdf`,
      '/designs',
      '/brand-kit',
      '/label-facts',
    ]) {
      const r = await other.get(`/api/v1/shops/hk05${path}`);
      expect(r.status, path).toBe(404);
    }
    expect((await put(other, labelId, logo([]))).status).toBe(404);
    // Roti Balang's own routes cannot reach HK05's design either.
    expect((await other.get(`/api/v1/shops/roti-balang/designs/${labelId}`)).status).toBe(404);
    expect((await other.get(`/api/v1/shops/roti-balang/designs/${labelId}/export?format=png`)).status).toBe(404);
    const v = (await (await hk.get(`/api/v1/shops/hk05/designs/${labelId}/versions`)).json()) as { current: number };
    expect(v.current).toBe(1);
  });

  it('staff export labels (PDF, sticker sheet) but may not publish the kit', async () => {
    const pdf = await staff.get(`/api/v1/shops/hk05/designs/${labelId}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="label-telur-asin-bakar-isi-10-v1-cetak\.pdf"$/);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const sheet = await staff.get(`/api/v1/shops/hk05/designs/${labelId}/export?format=sheet`);
    expect([sheet.status, sheet.headers.get('x-etalase-label-count')]).toEqual([200, '8']);
    expect((await staff.request('/api/v1/shops/hk05/brand-kit/publish', { method: 'POST' })).status).toBe(403);
    expect((await staff.get(`/api/v1/shops/hk05/designs/${labelId}/export?format=svg`)).status).toBe(400);
  });

  it("staff publishing through the brand page get the API's 403, and nothing is saved", async () => {
    const before = await (await hk.get('/api/v1/shops/hk05/brand-kit')).text();
    const r = await staff.form('/dashboard/hk05/brand', {
      action: 'kit',
      publish: '1',
      color0: '#123456',
      use0: 'on',
      tagline: 'Diubah staf',
      headingFont: 'Lora',
      bodyFont: 'Poppins',
    });
    expect(r.status).toBe(403);
    expect(await (await hk.get('/api/v1/shops/hk05/brand-kit')).text()).toBe(before);
  });

  it('uploads go through the image pipeline: PNG accepted, SVG with script refused', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 10, g: 120, b: 60, alpha: 0.6 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'daun.png');
    const ok = await hk.request('/api/v1/shops/hk05/design-images', { method: 'POST', body: form });
    expect(ok.status).toBe(201);
    const { src } = (await ok.json()) as { src: string };
    expect((await fetch(server.url + src)).headers.get('content-type')).toBe('image/png');
    expect((await put(hk, logoId, logo([{ type: 'Image', src, width: 64, height: 48 }]))).status).toBe(200);
    const svg = new FormData();
    svg.append(
      'file',
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'], { type: 'image/png' }),
      'logo.png',
    );
    const bad = await hk.request('/api/v1/shops/hk05/design-images', { method: 'POST', body: svg });
    expect(bad.status).toBe(400);
  });
});

describe('public brand hooks and font files', () => {
  it('the shop page shows the published logo, favicon set and share image', async () => {
    const html = await (await fetch(`${server.url}/hk05`)).text();
    expect(html).toMatch(/<img class="logo shop-logo" src="\/media\/\w+\/\w+\/128\.png"/);
    expect(html).toMatch(/<link rel="icon" type="image\/png" sizes="32x32" href="\/media\/\w+\/\w+\/32\.png"/);
    expect(html).toMatch(/<link rel="apple-touch-icon" sizes="180x180"/);
    expect(html).toMatch(/<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/media\/\w+\/\w+\/1200\.png"/);
    // No editor code or editor fonts on public pages.
    expect(html).not.toMatch(/_astro\/brand|\/brand\/fonts\/|fabric/);
    const ico = /href="(\/media\/\w+\/\w+\/32\.png)"/.exec(html)![1]!;
    const img = await fetch(server.url + ico);
    expect((await sharp(Buffer.from(await img.arrayBuffer())).metadata()).width).toBe(32);
    const other = await (await fetch(`${server.url}/roti-balang`)).text();
    expect(other).not.toContain('shop-logo');
  });

  it('serves the bundled TTF files to the editor and Latin WOFF subsets to public pages; nothing else', async () => {
    const ttf = await fetch(`${server.url}/brand/fonts/Poppins_700Bold.ttf`);
    expect([ttf.status, ttf.headers.get('content-type')]).toEqual([200, 'font/ttf']);
    expect((await fetch(`${server.url}/brand/fonts/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/brand/fonts/secret.ttf`)).status).toBe(404);
    const woff = await fetch(`${server.url}/brand/fonts-web/Lora_700Bold.woff`);
    expect(woff.status).toBe(200);
    const bytes = Buffer.from(await woff.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('wOFF');
    expect(bytes.byteLength).toBeLessThan(30_000);
  });
});

describe("template previews drawn with the shop's own words", () => {
  const preview = (shop: string, id: string) => `/dashboard/${shop}/brand/templat/${id}.webp`;
  const pixels = async (bytes: Buffer) => sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });

  it("serves the picker's previews to the shop's members only, revalidated by ETag", async () => {
    const r = await hk.get(preview('hk05', 'logo-lencana'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/webp');
    expect(r.headers.get('cache-control')).toBe('private, no-cache');
    const meta = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(216);
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await hk.request(preview('hk05', 'logo-lencana'), { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Another shop's owner, a signed-out visitor, an unknown template: nothing drawn.
    expect((await other.get(preview('hk05', 'logo-lencana'))).status).toBe(404);
    expect((await owner().get(preview('hk05', 'logo-lencana'))).status).toBe(401);
    expect((await hk.get(preview('hk05', 'tidak-ada'))).status).toBe(404);
    // The studio's picker shows them.
    const page = await (await hk.get('/dashboard/hk05/brand')).text();
    expect(page).toContain(`src="${preview('hk05', 'logo-lencana')}"`);
    expect(page).not.toContain('/brand/templates/');
  });

  it("draws each shop's own name, and draws it again when the name changes", async () => {
    const hkBytes = Buffer.from(await (await hk.get(preview('hk05', 'logo-lencana'))).arrayBuffer());
    const rotiBytes = Buffer.from(await (await other.get(preview('roti-balang', 'logo-lencana'))).arrayBuffer());
    const before = await pixels(hkBytes);
    expect((await pixels(rotiBytes)).data.equals(before.data)).toBe(false);
    const etag = (await hk.get(preview('hk05', 'logo-lencana'))).headers.get('etag')!;

    const rename = (name: string) => hk.request('/api/v1/shops/hk05', { method: 'PATCH', json: { name } });
    expect((await rename('Dapur Sitti Borongloe')).status).toBe(200);
    try {
      const r = await hk.request(preview('hk05', 'logo-lencana'), { headers: { 'if-none-match': etag } });
      expect(r.status).toBe(200);
      expect(r.headers.get('etag')).not.toBe(etag);
      const after = await pixels(Buffer.from(await r.arrayBuffer()));
      expect(after.info.width).toBe(before.info.width);
      expect(after.data.equals(before.data)).toBe(false);
    } finally {
      expect((await rename('HK05 Telur Asin Bakar')).status).toBe(200);
    }
    // Back to the old name: the same picture and ETag as before.
    const again = await hk.get(preview('hk05', 'logo-lencana'));
    expect(again.headers.get('etag')).toBe(etag);
    expect((await pixels(Buffer.from(await again.arrayBuffer()))).data.equals(before.data)).toBe(true);
  });
});
