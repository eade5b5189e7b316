import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { compare, openDesign, signedInPage } from '../helpers/brand.ts';
import { TEMPLATES } from '#brand/templates/index.ts';
import { SAMPLE_FACTS } from '#brand/facts.ts';
import { renderPng, renderPrintPdf } from '#server/branding/render-node.ts';
import { geometry, printPixels } from '#brand/kinds.ts';

/**
 * Every starter template, filled with real label facts, rendered by the editor's bundle in Chromium and by
 * the server (fabric/node + node-canvas) at 1024 px: at most 3% of the non-background pixels may differ
 * (pixelmatch threshold 0.1, anti-aliased pixels ignored). The print PDF, rasterized with pdftoppm, is held
 * to the same bar against Chromium drawing at the same 300 DPI scale (rasterized pixel for pixel). Figures are written to test-results/brand-parity.json.
 */
let server: TestServer;
let browser: Browser;
let page: Page;
const out = path.resolve('test-results');
const figures: Record<string, { chromiumVsServer: number; pdfVsChromium?: number }> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page } = await signedInPage(browser, server.url, 'pemilik@hk05.test'));
  await openDesign(page, server.url, 'Label Telur');
}, 900_000);
afterAll(async () => {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'brand-parity.json'), JSON.stringify(figures, null, 2));
  console.log(
    Object.entries(figures)
      .map(
        ([k, v]) =>
          `${k.padEnd(18)} chromium/server ${(v.chromiumVsServer * 100).toFixed(3)}%${v.pdfVsChromium !== undefined ? `  pdf/chromium ${(v.pdfVsChromium * 100).toFixed(3)}%` : ''}`,
      )
      .join('\n'),
  );
  await browser?.close();
  await server?.stop();
});

async function inChromium(doc: unknown, facts: unknown, transparent: boolean, multiplier?: number): Promise<PNG> {
  const url = await page.evaluate(
    ([d, f, t, m]) =>
      (
        window as unknown as { __studio: { renderInBrowser(d: unknown, f: unknown, px: number, t: boolean, m?: number): Promise<string> } }
      ).__studio.renderInBrowser(d, f, 1024, t as boolean, m as number | undefined),
    [doc, facts, transparent, multiplier] as const,
  );
  return PNG.sync.read(Buffer.from(url.split(',')[1]!, 'base64'));
}

describe('Chromium and the server draw the same designs', () => {
  const facts = { ...SAMPLE_FACTS, shortUrl: 'http://127.0.0.1/q/telur-asin-bakar' };
  for (const t of TEMPLATES) {
    it(`${t.id}: server PNG${t.kind === 'label' ? ' and print PDF' : ''} within 3% of Chromium`, async () => {
      const transparent = t.kind === 'logo';
      const f = t.kind === 'label' ? facts : null;
      const chrome = await inChromium(t.doc, f, transparent);
      const server = PNG.sync.read(await renderPng({ shopId: 'none', doc: t.doc, facts: f, transparent }, 1024));
      expect([server.width, server.height]).toEqual([chrome.width, chrome.height]);
      const c = compare(chrome, server, transparent ? null : t.doc.background || '#ffffff');
      figures[t.id] = { chromiumVsServer: c.ratio };
      expect(c.ink).toBeGreaterThan(1000);
      if (c.ratio > 0.03) fs.writeFileSync(path.join(os.tmpdir(), `diff-${t.id}.png`), PNG.sync.write(c.image));
      expect(c.ratio, `${t.id}: ${c.diff} of ${c.ink} pixels differ`).toBeLessThanOrEqual(0.03);
      if (t.kind !== 'label') return;
      const pdf = await renderPrintPdf({ shopId: 'none', doc: t.doc, facts: f }, t.name);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
      fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
      // The PDF's artwork is a 300 DPI raster: rasterize the page at 300 DPI (pixel for pixel) and compare it
      // with Chromium drawing the design at the same 300 DPI scale.
      // The page is not a whole number of pixels at 300 DPI and the embedded raster is: rasterize at the raster's
      // exact resolution (~299.8 DPI) so poppler maps it 1:1 instead of interpolating it.
      const print = printPixels(t.doc.page);
      const g = geometry(t.doc.page);
      // (A hair under, so float rounding never adds a pixel row.)
      const rx = (print.width - 0.1) / (g.width / 10 / 25.4);
      const ry = (print.height - 0.1) / (g.height / 10 / 25.4);
      execFileSync('pdftoppm', [
        '-png',
        '-singlefile',
        '-rx',
        rx.toFixed(4),
        '-ry',
        ry.toFixed(4),
        path.join(dir, 'a.pdf'),
        path.join(dir, 'a'),
      ]);
      const raster = PNG.sync.read(fs.readFileSync(path.join(dir, 'a.png')));
      if (process.env.BRAND_PARITY_DUMP) fs.copyFileSync(path.join(dir, 'a.png'), path.join(os.tmpdir(), `pdf-${t.id}.png`));
      fs.rmSync(dir, { recursive: true, force: true });
      const chrome300 = await inChromium(t.doc, f, false, print.multiplier);
      expect(Math.abs(raster.width - chrome300.width) + Math.abs(raster.height - chrome300.height)).toBeLessThanOrEqual(2);
      const p = compare(chrome300, raster, t.doc.background || '#ffffff');
      if (process.env.BRAND_PARITY_DUMP) fs.writeFileSync(path.join(os.tmpdir(), `pdfdiff-${t.id}.png`), PNG.sync.write(p.image));
      figures[t.id]!.pdfVsChromium = p.ratio;
      expect(p.ratio, `${t.id} PDF: ${p.diff} of ${p.ink} pixels differ`).toBeLessThanOrEqual(0.03);
    });
  }
});
