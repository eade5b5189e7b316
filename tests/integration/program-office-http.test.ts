import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

let server: TestServer;
let officer: Client;
let owner: Client;
beforeAll(async () => {
  // The seed without its months of trading (that takes minutes on a loaded machine); the brand kits, catalog and
  // stock it seeds still fill the share indicators.
  server = await startServer();
  officer = new Client(server.url);
  await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
  owner = new Client(server.url);
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

interface Indicators {
  program: { id: string; name: string };
  total: { shops: number; sales: number; orders: number; newBrand: number | null; digitalBooks: number | null };
  shops: { name: string; slug: string; sales: number }[];
  targets: { indicator: string; status: string; minPercent: number }[];
}

describe(`program office over HTTP (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it("the demo officer sees the demo program's indicators filled from the seeded shops", async () => {
    const res = await officer.get('/api/v1/program/indicators');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Indicators;
    expect(body.program.name).toBe('OVOP Kabupaten Gowa');
    expect(body.total.shops).toBe(3);
    expect(body.total.newBrand).not.toBeNull();
    expect(body.total.digitalBooks).not.toBeNull();
    expect(body.targets.map((t) => t.indicator)).toEqual(['branding_understanding', 'new_packaging', 'sales_increase']);
    // Nothing of the customers: no names, phones or addresses anywhere in the answer.
    expect(JSON.stringify(body)).not.toMatch(/customer|\+6285/i);
    const page = await officer.get('/program/indikator?sort=sales&dir=desc');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg');
    expect(html).toContain('Bontomarannu');
    const order = [...html.matchAll(/<tr data-shop="([^"]+)"/g)].map((m) => m[1]);
    const bySales = [...body.shops].sort((a, b) => b.sales - a.sales || a.name.localeCompare(b.name)).map((s) => s.slug);
    expect(order).toEqual(bySales);
    const work = await officer.get('/program/tugas');
    expect(work.status).toBe(200);
  });

  it('a shop owner cannot open officer pages or APIs', async () => {
    for (const p of ['/program/indikator', '/program/tugas']) expect((await owner.get(p)).status, p).toBe(404);
    for (const p of ['/api/v1/program/indicators', '/api/v1/program/work-list', '/api/v1/program/report?kind=report&format=pdf'])
      expect((await owner.get(p)).status, p).toBe(404);
    const put = await owner.request('/api/v1/program/targets', { method: 'PUT', json: { programId: 'x', targets: [] } });
    expect(put.status).toBe(404);
    expect((await owner.form('/program/indikator', { programId: 'x', 'target.new_packaging': '10' })).status).toBe(404);
  });

  it('the PDF report opens and carries the targets and the indicator table by kecamatan', async () => {
    const res = await officer.get('/api/v1/program/report?kind=report&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'program-pdf-'));
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain('Laporan Evaluasi Program');
    expect(text).toContain('OVOP Kabupaten Gowa');
    expect(text).toContain('Target dan status');
    expect(text).toContain('Toko dengan merek/'); // the label wraps in its column
    expect(text).toMatch(/Kecamatan\s+Bontomarannu/);
    expect(text).toMatch(/Penjualan per bulan\s+Rp/);
    expect(text).toContain('Pembukuan digital');
  });

  it('targets are editable per program from the page and the API', async () => {
    const { program } = (await (await officer.get('/api/v1/program/indicators')).json()) as Indicators;
    const bad = await officer.form('/program/indikator', { programId: program.id, 'target.new_packaging': '150' });
    expect(bad.status).toBe(400);
    const ok = await officer.form('/program/indikator', {
      programId: program.id,
      'target.new_packaging': '60',
      'target.multichannel': '30',
    });
    expect(ok.status).toBe(303);
    const after = (await (await officer.get('/api/v1/program/indicators')).json()) as Indicators;
    expect(after.targets.find((t) => t.indicator === 'new_packaging')!.minPercent).toBe(60);
    expect(after.targets.find((t) => t.indicator === 'multichannel')!.minPercent).toBe(30);
    const put = await officer.request('/api/v1/program/targets', {
      method: 'PUT',
      json: { programId: program.id, targets: [{ indicator: 'multichannel', minPercent: null }] },
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { targets: { indicator: string }[] }).targets.map((t) => t.indicator)).not.toContain('multichannel');
  });

  it('the researchers export replaces shop ids and suppresses groups under three shops; the plain one names shops', async () => {
    const plain = await (await officer.get('/api/v1/program/report?kind=shops&format=csv')).text();
    expect(plain).toContain('HK05 Telur Asin Bakar');
    const anon = await officer.get('/api/v1/program/report?kind=anonymised&format=csv');
    expect(anon.status).toBe(200);
    const text = await anon.text();
    expect(text).not.toMatch(/HK05|Kopi Borongloe|Roti Balang/);
    expect(text).not.toMatch(/Romang Lompoa|Balang-Balang|Borongloe/); // one shop per desa in the demo: suppressed
    expect(text).toContain('Bontomarannu'); // three shops in the kecamatan: shown
    expect(text).toMatch(/^S0001,/m);
    const xlsx = await officer.get('/api/v1/program/report?kind=anonymised&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});
