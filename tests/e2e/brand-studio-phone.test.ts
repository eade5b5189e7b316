import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { activeName, objectPoint, objectState, openDesign, pageErrors, signedInPage } from '../helpers/brand.ts';
import { PLACEHOLDER_FILL } from '#brand/facts.ts';

/**
 * The brand studio on a 360 px phone: nothing scrolls sideways and every tap target is at least 44 × 44 px
 * (WCAG 2.5.5), in both languages, with the add menu open and a text selected; a label whose product lacks mandatory facts shows red placeholders, lists
 * what is missing at the top (each linked to its field) and offers no print export until the facts are saved.
 */
let server: TestServer;
let browser: Browser;
const shots = path.resolve('test-results');
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  fs.mkdirSync(shots, { recursive: true });
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Visible studio controls smaller than 44 × 44 px (a hidden file input is reached through its 44 px label). */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const sel = '#studio button, #studio .button, #studio input:not([type=file]), #studio select, #studio textarea, #studio summary';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 44 || r.height < 44)
        out.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[${el.textContent?.trim().slice(0, 20) ?? ''}] ${r.width}x${r.height}`,
        );
    }
    return out;
  });
}
/** What the canvas shows for an object (serialize() gives what is saved). */
const shown = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      (window as unknown as { __studio: { canvas: { getObjects(): { name?: string; text?: string; fill?: unknown }[] } } }).__studio.canvas
        .getObjects()
        .filter((o) => o.name === n)
        .map((o) => ({ text: o.text, fill: o.fill }))[0]!,
    name,
  );
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('brand studio on a 360 px phone', () => {
  for (const lang of ['id', 'en'] as const) {
    it(`fits the screen with 44 px tap targets (${lang}): toolbar, add menu, properties, layers`, async () => {
      const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test', true);
      await openDesign(page, server.url, 'Label');
      if (lang === 'en') {
        await page.goto(`${page.url()}&lang=en`);
        await page.waitForSelector('#studio[data-ready="1"]');
      }
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      const toolbar = (await page.locator('#studio .toolbar').boundingBox())!;
      expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(360);
      expect(await smallTargets(page)).toEqual([]);
      // The add menu opens over the stage and fits the screen.
      await page.locator('.tool-menu summary').tap();
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      const menu = (await page.locator('.tool-menu-items').boundingBox())!;
      expect(menu.x + menu.width).toBeLessThanOrEqual(360);
      expect(await smallTargets(page)).toEqual([]);
      await page.screenshot({ path: path.join(shots, `brand-studio-menu-360-${lang}.png`) });
      await page.locator('.tool-menu summary').tap();
      // Layer names follow the UI language; with a text selected, the properties' controls are all full-size too.
      await page.locator('#layers .layer-name', { hasText: lang === 'en' ? 'Product name' : 'Nama produk' }).tap();
      await page.waitForFunction(() => !(document.querySelector('#font-fields') as HTMLElement).hidden);
      expect(await smallTargets(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: path.join(shots, `brand-studio-props-360-${lang}.png`), fullPage: true });
      await ctx.close();
    });
  }

  it('a label missing facts shows red placeholders, links each missing fact to its field, and prints only once filled', async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test', true);
    await page.goto(`${server.url}/dashboard/hk05/brand`);
    await page.check('input[name=template][value="label:kue-kotak"]');
    await page.fill('form.new-design input[name=name]', 'Label Sambal');
    await page.selectOption('form.new-design select[name=productId]', { label: 'Sambal Telur Asin' });
    await Promise.all([page.waitForURL(/\?design=\w+$/), page.click('form.new-design button[type=submit]')]);
    await page.waitForSelector('#studio[data-ready="1"]');
    // Red placeholders, never the template's invented values.
    const reg = await shown(page, 'Nomor P-IRT');
    expect(reg).toEqual({ text: '[nomor P-IRT]', fill: PLACEHOLDER_FILL });
    const templateFill = (await objectState(page, 'Nomor P-IRT')).fill;
    expect(templateFill).not.toBe(PLACEHOLDER_FILL);
    expect((await objectState(page, 'Komposisi')).text).toBe('[komposisi]');
    expect((await objectState(page, 'Kedaluwarsa')).text).toBe('[tanggal kedaluwarsa]');
    // The list sits at the top of the studio; each entry jumps to its field.
    const missing = page.locator('#missing.warn a');
    await expect(missing.allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Komposisi', 'Nomor P-IRT atau BPOM MD', 'Kode produksi', 'Tanggal "baik digunakan sebelum"']),
    );
    const link = page.locator('#missing a', { hasText: 'Komposisi' });
    expect(await link.getAttribute('href')).toBe('#fact-composition');
    await link.tap();
    await page.waitForFunction(() => location.hash === '#fact-composition');
    expect(await page.locator('#fact-composition').isVisible()).toBe(true);
    // No print export while facts are missing; the server refuses it too.
    expect(await page.locator('a[data-print]').count()).toBe(2);
    expect(await page.locator('a[data-print]:visible').count()).toBe(0);
    expect(await page.locator('#print-blocked').isVisible()).toBe(true);
    const pdfHref = (await page.locator('a[data-print][href*="format=pdf"]').getAttribute('href'))!;
    const refused = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, body: (await r.json()) as { error: { code: string } } };
    }, pdfHref);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('label_not_ready');
    await page.screenshot({ path: path.join(shots, 'brand-label-missing-360.png'), fullPage: true });

    // Saving the facts turns placeholders into facts in the label's own colour and brings the exports back.
    await page.fill('#fact-netWeight', '200 g');
    await page.fill('#fact-composition', 'cabai, telur asin, bawang merah');
    await page.selectOption('#fact-registrationKind', 'pirt');
    await page.fill('#fact-registrationNumber', '2067371010124-29');
    await page.fill('#fact-productionCode', 'SB0126');
    await page.fill('#fact-expiryDate', '2027-03-31');
    await page.locator('#facts-form button[type=submit]').tap();
    await page.waitForFunction(() => document.querySelector('#missing')?.classList.contains('ok'));
    expect(await shown(page, 'Nomor P-IRT')).toEqual({ text: 'P-IRT No. 2067371010124-29', fill: templateFill });
    expect(await page.locator('a[data-print]:visible').count()).toBe(2);
    await page.locator('[data-action=save]').tap();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Tersimpan'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-print][href*="format=pdf"]').tap()]);
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
  it("the template picker shows every template drawn with the shop's own name", async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test', true);
    await page.goto(`${server.url}/dashboard/hk05/brand`);
    const imgs = page.locator('.templates .tpl img');
    const count = await imgs.count();
    expect(count).toBe(11);
    for (let i = 0; i < count; i++) {
      const img = imgs.nth(i);
      expect(await img.getAttribute('src')).toMatch(/^\/dashboard\/hk05\/brand\/templat\/[a-z-]+\.webp$/);
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
      expect(await img.evaluate((el) => Math.max((el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight))).toBe(216);
    }
    await page.locator('.tpl', { hasText: 'Logo lencana' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'brand-template-picker-360.png') });
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });

  it('properties sit in a bottom sheet: collapsed off the selection, opened from "Properti", changed, closed, and the object still drags', async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test', true);
    await openDesign(page, server.url, 'Logo HK05');
    const cdp = await ctx.newCDPSession(page);
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y) }] });
    const name = 'Nama usaha';
    const sheet = page.locator('#props-panel');
    const handle = page.locator('#sheet-toggle');
    const sheetTop = async () => (await sheet.boundingBox())!.y;
    /** The selected object's box on screen, from fabric's own coordinates. */
    const objectBox = () =>
      page.evaluate(() => {
        type Canvas = {
          upperCanvasEl: HTMLElement;
          viewportTransform: [number, number, number, number, number, number];
          getActiveObject(): { getBoundingRect(): { top: number; height: number } };
        };
        const c = (window as unknown as { __studio: { canvas: Canvas } }).__studio.canvas;
        const r = c.upperCanvasEl.getBoundingClientRect();
        const b = c.getActiveObject().getBoundingRect();
        const v = c.viewportTransform;
        return { top: r.top + b.top * v[3] + v[5], bottom: r.top + (b.top + b.height) * v[3] + v[5] };
      });
    await page.locator('#stage').scrollIntoViewIfNeeded();
    const p = await objectPoint(page, name);
    await page.touchscreen.tap(p.x, p.y);
    expect(await activeName(page)).toBe(name);
    // Collapsed: the handle and the selected text's words, below the object; the rest of the panel is folded away.
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#prop-text').isVisible()).toBe(true);
    expect(await page.locator('.swatch').first().isVisible()).toBe(false);
    expect((await objectBox()).bottom).toBeLessThanOrEqual(await sheetTop());
    const peek = (await sheet.boundingBox())!.height;
    expect(peek).toBeLessThan(64);

    await handle.tap();
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    const open = (await sheet.boundingBox())!;
    expect(open.height).toBeGreaterThan(peek);
    expect(open.height).toBeLessThanOrEqual(740 * 0.45 + 1);
    // Opening scrolled the page so the selection is still in view above the sheet (and below the sticky toolbar).
    const box = await objectBox();
    expect(box.bottom).toBeLessThanOrEqual(open.y);
    expect(box.top).toBeGreaterThanOrEqual((await page.locator('#studio .toolbar').boundingBox())!.y);
    await page.screenshot({ path: path.join(shots, 'brand-studio-sheet-open-360.png') });
    const swatch = page.locator('.swatch').nth(1);
    const colour = (await swatch.getAttribute('data-swatch'))!;
    expect((await objectState(page, name)).fill).not.toBe(colour);
    await swatch.tap();
    expect((await objectState(page, name)).fill).toBe(colour);

    await handle.tap();
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.swatch').first().isVisible()).toBe(false);
    // The stage is touchable again: one finger drags the object.
    const start = await objectState(page, name);
    const q = await objectPoint(page, name);
    expect(q.y).toBeLessThan(await sheetTop());
    await touch('touchStart', q.x, q.y);
    for (let i = 1; i <= 6; i++) await touch('touchMove', q.x + i * 3, q.y - i * 5);
    await touch('touchEnd', 0, 0);
    const moved = await objectState(page, name);
    expect(moved.top as number).toBeLessThan((start.top as number) - 15);
    expect(moved.fill).toBe(colour);
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
