import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { activeName, objectPoint, objectState, openDesign, pageErrors, signedInPage } from '../helpers/brand.ts';

/**
 * The brand studio in Chromium, on a desktop and on a 360 px touch phone: open a template, move, scale and
 * edit text, undo and redo, save, reload and see the same design; export a print PDF; publish a logo and see
 * it on the shop page. Screenshots go to test-results/.
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

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(from.x + (dx * i) / 6, from.y + (dy * i) / 6);
  await page.mouse.up();
}

const status = (page: Page) => page.locator('#status').textContent();

describe('brand studio on a desktop', () => {
  it('creates a label from a template, edits it, undoes and redoes, saves, reloads the same design and exports a PDF', async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test');
    await page.goto(`${server.url}/dashboard/hk05/brand`);
    await page.screenshot({ path: path.join(shots, 'brand-list-1280.png'), fullPage: true });
    await page.check('input[name=template][value="label:kue-kotak"]');
    await page.fill('form.new-design input[name=name]', 'Label Kue Uji');
    await page.selectOption('form.new-design select[name=productId]', { label: 'Telur Asin Bakar isi 10' });
    await Promise.all([page.waitForURL(/\?design=\w+$/), page.click('form.new-design button[type=submit]')]);
    await page.waitForSelector('#studio[data-ready="1"]');
    // The facts panel shows the product's facts; nothing mandatory is missing for the seeded product.
    await expect(page.locator('#missing').textContent()).resolves.toBe('Semua fakta wajib sudah ada.');
    expect(await page.inputValue('#facts-form input[name=registrationNumber]')).toBe('2067371010123-29');

    // Select by clicking, then move (the missing-facts summary above the stage can push it below a 900 px fold).
    await page.locator('#stage').scrollIntoViewIfNeeded();
    const start = await objectState(page, 'Ajakan');
    await page.mouse.click((await objectPoint(page, 'Ajakan')).x, (await objectPoint(page, 'Ajakan')).y);
    expect(await activeName(page)).toBe('Ajakan');
    await drag(page, await objectPoint(page, 'Ajakan'), -90, -40);
    const moved = await objectState(page, 'Ajakan');
    expect(moved.left as number).toBeLessThan((start.left as number) - 40);
    expect(moved.top as number).toBeLessThan((start.top as number) - 20);
    // Scale with the bottom-right handle.
    await drag(page, await objectPoint(page, 'Ajakan', 'br'), 50, 20);
    const scaled = await objectState(page, 'Ajakan');
    expect(scaled.scaleX as number).toBeGreaterThan(1.1);
    // Edit the text; undo brings the old text back, redo the new one.
    await page.fill('#prop-text', 'Pindai untuk pesan ulang');
    expect((await objectState(page, 'Ajakan')).text).toBe('Pindai untuk pesan ulang');
    await page.click('[data-action=undo]');
    expect((await objectState(page, 'Ajakan')).text).not.toBe('Pindai untuk pesan ulang');
    await page.click('[data-action=redo]');
    const edited = await objectState(page, 'Ajakan');
    expect(edited.text).toBe('Pindai untuk pesan ulang');
    // A local draft exists until saved.
    expect(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('etalase:design:')))).toBe(true);
    await page.click('[data-action=save]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Tersimpan'));
    expect(await status(page)).toBe('Tersimpan (versi 2)');
    await page.screenshot({ path: path.join(shots, 'brand-studio-1280.png') });

    await page.reload();
    await page.waitForSelector('#studio[data-ready="1"]');
    expect(await page.locator('#draft-banner').isHidden()).toBe(true);
    const reloaded = await objectState(page, 'Ajakan');
    for (const k of ['left', 'top', 'scaleX', 'scaleY', 'text']) expect(reloaded[k], k).toEqual(edited[k]);

    // Export the print PDF of the saved version.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-export][href*="format=pdf"]')]);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^label-kue-uji-v2-cetak\.pdf$/);

    // Markup typed as text stays text: the server refuses it, nothing runs, nothing becomes HTML.
    // (Selecting from the layers panel this time.)
    await page.locator('#layers .layer-name', { hasText: 'Ajakan' }).click();
    expect(await activeName(page)).toBe('Ajakan');
    await page.fill('#prop-text', '<img src=x onerror="window.__xss=1">');
    await page.click('[data-action=save]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Gagal'));
    expect(await status(page)).toContain('Teks tidak boleh berisi kode HTML atau skrip.');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#studio img').count()).toBe(0);

    // Version history: restore version 1 (the template as created).
    await page.click('#versions-panel summary');
    await page.locator('#versions li', { hasText: /^v1 / }).locator('button').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Versi 1'));
    expect((await objectState(page, 'Ajakan')).text).toBe('Pindai untuk pesan lagi');
    await page.waitForFunction(() => /^v3 /.test(document.querySelector('#versions li')?.textContent ?? ''));
    // Layers: rename inline and lock.
    const row = page.locator('#layers li', { hasText: 'Ajakan' });
    await row.getByRole('button', { name: 'Ganti nama: Ajakan' }).click();
    await page.fill('#layers .layer-rename', 'Ajakan pindai');
    await page.press('#layers .layer-rename', 'Enter');
    await page.locator('#layers li', { hasText: 'Ajakan pindai' }).getByRole('button', { name: 'Kunci: Ajakan pindai' }).click();
    expect(await objectState(page, 'Ajakan pindai')).toMatchObject({ locked: true });
    await ctx.close();
  });

  it('publishes a new logo (owner) and the shop page shows it with a favicon', async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test');
    const before = await (await fetch(`${server.url}/hk05`)).text();
    const oldLogo = /class="logo shop-logo" src="([^"]+)"/.exec(before)![1];
    await page.goto(`${server.url}/dashboard/hk05/brand`);
    await page.check('input[name=template][value="logo:logo-daun"]');
    await page.fill('form.new-design input[name=name]', 'Logo Daun');
    await Promise.all([page.waitForURL(/\?design=\w+$/), page.click('form.new-design button[type=submit]')]);
    await page.waitForSelector('#studio[data-ready="1"]');
    await page.screenshot({ path: path.join(shots, 'brand-logo-1280.png') });
    await page.goto(`${server.url}/dashboard/hk05/brand`);
    await page.selectOption('#kit-form select[name=logoDesignId]', { label: 'Logo Daun' });
    await page.fill('#kit-form input[name=color0]', '#1f5e3b');
    await Promise.all([page.waitForURL(/ok=published/), page.click('#kit-form button[name=publish]')]);
    await expect(page.locator('.alert.ok').textContent()).resolves.toContain('Diterbitkan');
    await page.goto(`${server.url}/hk05`);
    const logo = await page.locator('img.shop-logo').getAttribute('src');
    expect(logo).toMatch(/^\/media\/\w+\/\w+\/128\.png$/); // the header's small rendition
    expect(logo).not.toBe(oldLogo);
    expect(await page.locator('img.shop-logo').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(128);
    expect(await page.locator('link[rel=icon][sizes="32x32"]').count()).toBe(1);
    expect(await page.locator('header.top').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(31, 94, 59)');
    // The brand heading font arrives as a small WOFF subset, and loads.
    expect(
      await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('700 20px "Lora"');
      }),
    ).toBe(true);
    await page.screenshot({ path: path.join(shots, 'brand-shop-1280.png') });
    await ctx.close();
  });

  it("says in the user's language when the server cannot be reached or answers without a message", async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test');
    await openDesign(page, server.url, 'Logo HK05');
    const put = (r: { request(): { method(): string } }) => r.request().method() === 'PUT';
    await page.route('**/api/v1/shops/hk05/designs/*', (r) => (put(r) ? r.abort('internetdisconnected') : r.continue()));
    await page.click('[data-action=save]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Gagal'));
    expect(await status(page)).toBe('Gagal: Tidak tersambung ke server. Periksa koneksi lalu coba lagi.');
    await page.unrouteAll();
    await page.route('**/api/v1/shops/hk05/designs/*', (r) =>
      put(r) ? r.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }) : r.continue(),
    );
    await page.click('[data-action=save]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('502'));
    expect(await status(page)).toBe('Gagal: Permintaan gagal (kode 502).');
    await ctx.close();
  });

  it('staff can design but are told that only the owner publishes', async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'staf@hk05.test');
    await page.goto(`${server.url}/dashboard/hk05/brand`);
    expect(await page.locator('#kit-form button[name=publish]').count()).toBe(0);
    await expect(page.locator('#kit-form').textContent()).resolves.toContain('Hanya pemilik toko yang bisa menerbitkan kit merek.');
    await ctx.close();
  });
});

describe('brand studio on a 360 px touch phone', () => {
  it('moves and edits with touch, undoes and redoes, saves and reloads the same logo', async () => {
    const { ctx, page } = await signedInPage(browser, server.url, 'pemilik@hk05.test', true);
    await openDesign(page, server.url, 'Logo HK05');
    const cdp = await ctx.newCDPSession(page);
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y) }],
      });
    const name = 'Nama usaha';
    // Touch coordinates are the viewport's: the stage must be on screen, as it is for a person who scrolls to it.
    await page.locator('#stage').scrollIntoViewIfNeeded();
    const start = await objectState(page, name);
    const p = await objectPoint(page, name);
    await page.touchscreen.tap(p.x, p.y);
    expect(await activeName(page)).toBe(name);
    await touch('touchStart', p.x, p.y);
    for (let i = 1; i <= 6; i++) await touch('touchMove', p.x + i * 4, p.y + i * 6);
    await touch('touchEnd', 0, 0);
    const moved = await objectState(page, name);
    expect(moved.top as number).toBeGreaterThan((start.top as number) + 20);
    await page.locator('#prop-text').fill('HK 05');
    await page.locator('[data-action=undo]').tap();
    expect((await objectState(page, name)).text).toBe('HK05');
    await page.locator('[data-action=redo]').tap();
    const edited = await objectState(page, name);
    expect(edited.text).toBe('HK 05');
    await page.locator('[data-action=save]').tap();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Tersimpan'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, 'brand-studio-360.png'), fullPage: true });
    await page.reload();
    await page.waitForSelector('#studio[data-ready="1"]');
    const reloaded = await objectState(page, name);
    for (const k of ['left', 'top', 'text']) expect(reloaded[k], k).toEqual(edited[k]);
    // Two fingers pinch-zoom the stage.
    const zoomOf = () =>
      page.evaluate(() => (window as unknown as { __studio: { canvas: { getZoom(): number } } }).__studio.canvas.getZoom());
    const z0 = await zoomOf();
    await page.locator('#stage').scrollIntoViewIfNeeded();
    const box = (await page.locator('#stage').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const pinch = (d: number) => [
      { x: Math.round(cx - d), y: Math.round(cy) },
      { x: Math.round(cx + d), y: Math.round(cy) },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pinch(30) });
    for (const d of [45, 60, 75, 90]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pinch(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await zoomOf()).toBeGreaterThan(z0 * 2);
    expect((await objectState(page, name)).text).toBe('HK 05'); // pinching moved nothing
    // The page does not scroll sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
