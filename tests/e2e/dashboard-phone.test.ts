import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { fillRoute } from '../helpers/routes.ts';
import { DASHBOARD_PAGES } from '#server/http/dashboard-pages.ts';

const app = useServerAndBrowser();
const WIDTH = 360;
const HEIGHT = 740;

/** Set SCREENSHOT_DIR to keep a screenshot of every dashboard page at 360 and 1280 px. */
async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function signedIn(ctx: BrowserContext, lang: 'id' | 'en'): Promise<Page> {
  // The language cookie the language switch sets: every page of the run in that language.
  await ctx.addCookies([{ name: 'lang', value: lang, url: app.server.url }]);
  const page = await ctx.newPage();
  await page.goto(`${app.server.url}/masuk`);
  await page.fill('input[name=identifier]', 'pemilik@hk05.test');
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);
  return page;
}

/** Route parameters of the shop pages: a product of HK05 (from its list) and an order placed through the public API. */
async function samples(page: Page): Promise<Record<string, string>> {
  const placed = await new Client(app.server.url).post('/api/v1/shops/hk05/orders', {
    items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
    customerName: 'Uji Jempol',
    customerPhone: '0812 0000 2222',
    delivery: 'pickup',
    payment: 'whatsapp',
  });
  expect(placed.status).toBe(201);
  const { code } = (await placed.json()) as { code: string };
  await page.goto(`${app.server.url}/dashboard/hk05/produk`);
  const href = (await page.locator('[data-product] a.name').first().getAttribute('href'))!;
  return { shop: 'hk05', code, id: href.split('/').pop()! };
}

/** Every visible tap target smaller than 44x44 CSS px (WCAG 2.5.5), and inline links inside running text, which it exempts. */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const small: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || el.getAttribute('type') || ''}"`;
    const inRunningText = (el: Element) => {
      if (getComputedStyle(el).display !== 'inline') return false;
      const block = el.parentElement?.closest('p, li, td, dd, span, label, div');
      return !!block && (block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
    };
    const targets = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, label');
    for (const el of targets) {
      if (!el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: true })) continue;
      if (el.tagName === 'LABEL') {
        // A label is a target when it holds a control it activates (a checkbox or radio row); other labels are text.
        if (!el.querySelector('input[type=checkbox], input[type=radio]')) continue;
      } else if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) {
        continue; // measured as its label
      } else if (el.tagName === 'A' && inRunningText(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right <= 0 || r.bottom <= 0) continue; // off-screen by design (the skip link until focused)
      if (r.width < 44 || r.height < 44) small.push(`${describe(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return small;
  });
}

const shopPages = Object.keys(DASHBOARD_PAGES).filter((p) => p.startsWith('/dashboard/[shop]'));

describe('the shop dashboard on a phone (Chromium, 360 px)', () => {
  for (const lang of ['id', 'en'] as const) {
    it(`every declared dashboard page has the bottom bar, its heading on the first screen, 44 px targets and no sideways scroll (${lang})`, async () => {
      const ctx = await app.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, hasTouch: true, isMobile: true });
      const page = await signedIn(ctx, lang);
      const params = await samples(page);
      expect(shopPages.length).toBeGreaterThanOrEqual(10);
      const problems: string[] = [];
      for (const pattern of shopPages) {
        const url = fillRoute(pattern, params);
        const res = await page.goto(`${app.server.url}${url}`);
        expect(res?.status(), url).toBe(200);
        expect(await page.getAttribute('html', 'lang'), url).toBe(lang);
        await shot(page, `${lang}-360${url.replaceAll('/', '_')}`);
        const bar = page.locator('[data-bottom-nav]');
        if (!(await bar.isVisible())) problems.push(`${url}: no bottom bar`);
        else {
          const box = (await bar.boundingBox())!;
          if (Math.round(box.y + box.height) !== HEIGHT) problems.push(`${url}: bottom bar not at the bottom (${box.y}+${box.height})`);
        }
        const heading = await page.locator('main h1').first().boundingBox();
        if (!heading || heading.y + heading.height > HEIGHT / 2)
          problems.push(`${url}: main heading not at the top (${JSON.stringify(heading)})`);
        // The header is one row (its links are icons on a phone, named for screen readers), in English too.
        const header = (await page.locator('header.top').boundingBox())!;
        if (header.height > 60) problems.push(`${url}: header ${header.height} px tall`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > WIDTH) problems.push(`${url}: ${width} px wide`);
        for (const s of await smallTargets(page)) problems.push(`${url}: ${s}`);
      }
      expect(problems).toEqual([]);
      // The header's icons keep their words as accessible names.
      const header = page.locator('header.top');
      const names = lang === 'en' ? ['Dashboard', 'Account', 'Sign out', 'Bahasa Indonesia'] : ['Dasbor', 'Akun', 'Keluar', 'English'];
      for (const name of names)
        await expect(header.getByRole(name === names[2] ? 'button' : 'link', { name, exact: true }).isVisible()).resolves.toBe(true);
      await ctx.close();
    });
  }

  it('opens the other pages from "Lainnya" without JavaScript, and keeps the tab row on a wide screen', async () => {
    const phone = await app.browser.newContext({
      viewport: { width: WIDTH, height: HEIGHT },
      hasTouch: true,
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await signedIn(phone, 'id');
    await page.goto(`${app.server.url}/dashboard/hk05`);
    const bar = page.locator('[data-bottom-nav]');
    await expect(bar.locator('> ul > li').allTextContents()).resolves.toEqual([
      expect.stringContaining('Beranda'),
      expect.stringContaining('Produk'),
      expect.stringContaining('Pesanan'),
      expect.stringContaining('Lainnya'),
    ]);
    expect(await page.locator('.dash-tabs').isVisible()).toBe(false);
    await expect(page.locator('[data-more] a', { hasText: 'Log audit' }).isVisible()).resolves.toBe(false);
    await page.click('[data-more] summary');
    await Promise.all([page.waitForURL(/\/audit$/), page.click('[data-more] a:has-text("Log audit")')]);
    await expect(page.locator('[data-more] summary').getAttribute('class')).resolves.toBe('current');
    await phone.close();

    const wide = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await signedIn(wide, 'en');
    for (const pattern of shopPages.filter((p) => !p.replace('[shop]', '').includes('['))) {
      const url = fillRoute(pattern, { shop: 'hk05' });
      await desk.goto(`${app.server.url}${url}`);
      await shot(desk, `en-1280${url.replaceAll('/', '_')}`);
      expect(await desk.locator('.dash-tabs').isVisible(), url).toBe(true);
      expect(await desk.locator('[data-bottom-nav]').isVisible(), url).toBe(false);
    }
    await wide.close();
  });

  it('without JavaScript: shows and hides a product with one tap, ticks "share" after the WhatsApp button, tells it in the audit log', async () => {
    const ctx = await app.browser.newContext({
      viewport: { width: WIDTH, height: HEIGHT },
      hasTouch: true,
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await signedIn(ctx, 'id');
    await page.goto(`${app.server.url}/dashboard/hk05/produk`);
    const draft = page.locator('[data-product]:has(.badge.draft)').first();
    const id = (await draft.getAttribute('data-product'))!;
    const row = page.locator(`[data-product="${id}"]`);
    await Promise.all([page.waitForURL(new RegExp(`#p-${id}$`)), row.locator('[data-toggle] button').click()]);
    await expect(row.locator('.badge').textContent()).resolves.toBe('Tampil di toko');
    await Promise.all([page.waitForEvent('load'), row.locator('[data-toggle] button').click()]);
    await expect(row.locator('.badge').textContent()).resolves.toBe('Draf');

    await page.goto(`${app.server.url}/dashboard/hk05`);
    const step = page.locator('[data-first-steps] [data-step=shared]');
    await expect(step.getAttribute('data-done')).resolves.toBe('0');
    // The form answers with a redirect to wa.me (no internet here: the request is enough).
    await Promise.all([page.waitForRequest(/^https:\/\/wa\.me\//), page.click('[data-share-whatsapp] button')]);
    // That tab now heads for WhatsApp (and fails offline): carry on in a fresh one.
    const after = await ctx.newPage();
    await after.goto(`${app.server.url}/dashboard/hk05`);
    // Every step done: the checklist has made way for the day's business.
    expect(await after.locator('[data-first-steps]').count()).toBe(0);

    await after.goto(`${app.server.url}/dashboard/hk05/audit`);
    const cards = after.locator('[data-audit] li');
    await expect(cards.first().textContent()).resolves.toContain('Hj. Kasma (HK05) membagikan tautan katalog');
    await expect(after.locator('[data-audit]').textContent()).resolves.toMatch(/Hj\. Kasma \(HK05\) menyembunyikan .+ dari katalog/);
    expect(await after.locator('main table').count()).toBe(0);
    expect(await after.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await shot(after, 'id-360-audit-after');
    await ctx.close();
  });
});
