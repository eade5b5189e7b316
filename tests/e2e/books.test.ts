import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

const app = useServerAndBrowser();
// Screenshots for a person to look at (360 and 1280 px, both languages); nothing compares them.
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-books-'));

const sideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function signedIn(browser: Browser, email: string, width: number, lang: 'id' | 'en' = 'id') {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, ...(width < 600 ? { hasTouch: true, isMobile: true } : {}) });
  const page = await ctx.newPage();
  await page.goto(`${app.server.url}/masuk${lang === 'en' ? '?lang=en' : ''}`);
  await page.fill('input[name=identifier]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);
  return { ctx, page };
}

describe('the books in Chromium', () => {
  it('on a phone the owner records an expense in the cash book, sees it listed and reverses it', async () => {
    const { ctx, page } = await signedIn(app.browser, 'pemilik@hk05.test', 360);
    await page.goto(`${app.server.url}/dashboard/hk05/kas`);
    expect(await sideScroll(page)).toBeLessThanOrEqual(360);
    const form = page.locator('#form-expense');
    await form.locator('input[name=amount]').fill('43.210');
    await form.locator('input[name=memo]').fill('galon air minum');
    await Promise.all([page.waitForURL(/tercatat=1/), form.locator('button[type=submit]').click()]);
    const row = page.locator('li[data-kind=expense]', { hasText: 'galon air minum' });
    expect(await row.locator('[data-amount]').getAttribute('data-amount')).toBe('43210');
    await Promise.all([page.waitForURL(/dibatalkan=1/), row.locator('button[type=submit]').click()]);
    expect(await page.locator('li[data-kind=expense]', { hasText: 'galon air minum' }).textContent()).toContain('Sudah dibatalkan');
    await page.goto(`${app.server.url}/dashboard/hk05/jurnal`);
    expect(await page.locator('[data-source=reversal]').count()).toBeGreaterThan(0);
    await ctx.close();
  });

  it('every books page fits 360 px and 1280 px in both languages; staff see no money on the stock page', async () => {
    for (const lang of ['id', 'en'] as const) {
      for (const width of [360, 1280]) {
        const { ctx, page } = await signedIn(app.browser, 'pemilik@hk05.test', width, lang);
        for (const p of ['kas', 'stok', 'jurnal', 'akun', 'saldo-awal']) {
          const res = await page.goto(`${app.server.url}/dashboard/hk05/${p}${lang === 'en' ? '?lang=en' : ''}`);
          expect(res?.status(), p).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          if (width === 360) expect(await sideScroll(page), `${p} at 360 px`).toBeLessThanOrEqual(360);
          await page.screenshot({ path: path.join(shots, `${p}-${lang}-${width}.png`), fullPage: true });
        }
        await ctx.close();
      }
    }
    const { ctx, page } = await signedIn(app.browser, 'staf@hk05.test', 360);
    await page.goto(`${app.server.url}/dashboard/hk05/stok`);
    expect(await sideScroll(page)).toBeLessThanOrEqual(360);
    expect(await page.textContent('main')).not.toMatch(/Rp\s?\d/);
    await page.screenshot({ path: path.join(shots, 'stok-staff-360.png'), fullPage: true });
    expect((await page.goto(`${app.server.url}/dashboard/hk05/kas`))?.status()).toBe(403);
    await ctx.close();
    const other = await signedIn(app.browser, 'pemilik@roti-balang.test', 360);
    expect((await other.page.goto(`${app.server.url}/dashboard/hk05/jurnal`))?.status()).toBe(404);
    await other.ctx.close();
    console.log(`books screenshots: ${shots}`);
  });
});
