import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';

/** Issue 11, customer items 1-4, in Chromium at 360 px, with and without JavaScript. */
const app = useServerAndBrowser();

/** Set SCREENSHOT_DIR to keep full-page screenshots of the customer pages. */
async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function phone(js: boolean, width = 360) {
  const ctx = await app.browser.newContext({
    viewport: { width, height: 740 },
    hasTouch: width < 600,
    isMobile: width < 600,
    javaScriptEnabled: js,
  });
  // No internet here: a wa.me link the page opens answers with a stand-in page.
  await ctx.route('https://wa.me/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>WhatsApp</title>' }),
  );
  return { ctx, page: await ctx.newPage() };
}

/** A form post that lands on a page (303 + GET). */
async function submitAndLoad(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForEvent('load'), click()]);
}

/** Put a product in the cart with a plain form post (form.submit() skips the add-to-cart island). */
async function addWithoutJs(page: Page, slug: string) {
  await page.goto(`${app.server.url}/hk05`);
  await submitAndLoad(page, () => page.locator(`[data-product="${slug}"] form`).evaluate((f: HTMLFormElement) => f.submit()));
}

describe('customer flows on a phone', () => {
  it('adding to the cart keeps the scroll position and says what was added (with JavaScript)', async () => {
    const { ctx, page } = await phone(true);
    await page.goto(`${app.server.url}/hk05`);
    const card = page.locator('[data-product="sambal-telur-asin"]');
    await card.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);
    await card.locator('button[type=submit]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-product="sambal-telur-asin"] [data-added]')?.textContent?.includes('Sambal'),
    );
    await expect(card.locator('[data-added]').textContent()).resolves.toBe('Ditambahkan ke keranjang: Sambal Telur Asin · Lihat keranjang');
    await expect(card.locator('[data-added]').getAttribute('role')).resolves.toBe('status');
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('#cc').textContent()).resolves.toBe('1');
    await shot(page, 'added-js-360');
    await ctx.close();
  });

  it('adding to the cart without JavaScript comes back to the product, in view, with the note', async () => {
    const { ctx, page } = await phone(false);
    await page.goto(`${app.server.url}/hk05`);
    const card = page.locator('[data-product="sambal-telur-asin"]');
    await card.scrollIntoViewIfNeeded();
    await submitAndLoad(page, () => card.locator('button[type=submit]').click());
    const url = new URL(page.url());
    expect(url.hash).toMatch(/^#p-[a-z0-9]+$/);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const box = (await card.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(-1);
    expect(box.y).toBeLessThan(740);
    await expect(card.locator('[data-added]').textContent()).resolves.toBe('Ditambahkan ke keranjang: Sambal Telur Asin · Lihat keranjang');
    await ctx.close();
  });

  it('"telor" finds "Telur"; a search with no result suggests the categories', async () => {
    const { ctx, page } = await phone(true);
    await page.goto(`${app.server.url}/hk05`);
    await page.fill('#q', 'telor');
    await submitAndLoad(page, () => page.locator('form.search button[type=submit]').click());
    const names = await page.locator('.grid h3').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain('Telur Asin Bakar isi 10');
    await page.fill('#q', 'sepatu');
    await submitAndLoad(page, () => page.locator('form.search button[type=submit]').click());
    await expect(page.locator('.suggest').textContent()).resolves.toContain('Telur asin');
    await submitAndLoad(page, () => page.locator('.suggest a', { hasText: 'Telur asin' }).click());
    expect(new URL(page.url()).searchParams.get('kategori')).toBe('telur-asin');
    await ctx.close();
  });

  for (const js of [true, false]) {
    it(`checkout for pickup asks no destination, shows every error at once and keeps what was typed (${js ? 'with' : 'without'} JavaScript)`, async () => {
      const { ctx, page } = await phone(js);
      await addWithoutJs(page, 'telur-asin-bakar-satuan');
      await page.goto(`${app.server.url}/hk05/checkout`);
      await expect(page.locator('header.top a.id').textContent()).resolves.toContain('HK05 Telur Asin Bakar');
      await expect(page.locator('a[href^="/dashboard"]').count()).resolves.toBe(0);
      await page.check('input[name=delivery][value=pickup]');
      await expect(page.locator('select[name=destination]').isVisible()).resolves.toBe(false);
      await expect(page.locator('textarea[name=address]').isVisible()).resolves.toBe(false);
      await page.check('input[name=delivery][value=courier]');
      await expect(page.locator('select[name=destination]').isVisible()).resolves.toBe(true);
      await page.fill('input[name=customerPhone]', '12345');
      await page.fill('textarea[name=address]', 'Jl. Poros Malino No. 7');
      await page.fill('textarea[name=notes]', 'Telepon dulu ya');
      await submitAndLoad(page, () => page.locator('form[data-checkout] button[type=submit]').click());
      const summary = page.locator('#error-summary');
      await expect(summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual([
        '#f-customerName',
        '#f-customerPhone',
        '#f-destination',
      ]);
      await expect(page.inputValue('input[name=customerPhone]')).resolves.toBe('12345');
      await expect(page.inputValue('textarea[name=notes]')).resolves.toBe('Telepon dulu ya');
      await expect(page.inputValue('textarea[name=address]')).resolves.toBe('Jl. Poros Malino No. 7');
      await expect(page.isChecked('input[name=delivery][value=courier]')).resolves.toBe(true);
      await expect(page.locator('#customerName-error').textContent()).resolves.toBeTruthy();
      await shot(page, `checkout-errors-${js ? 'js' : 'nojs'}-360`);
      await ctx.close();
    });

    it(`the order page confirms before WhatsApp and "my orders" lists it (${js ? 'with' : 'without'} JavaScript)`, async () => {
      const { ctx, page } = await phone(js);
      if (js) await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
      await addWithoutJs(page, 'telur-asin-rebus-isi-6');
      await page.goto(`${app.server.url}/hk05/checkout`);
      await page.fill('input[name=customerName]', 'Daeng Ngai');
      await page.fill('input[name=customerPhone]', '0852-4000-9876');
      await page.check('input[name=delivery][value=pickup]');
      await submitAndLoad(page, () => page.locator('form[data-checkout] button[type=submit]').click());
      const orderPath = new URL(page.url()).pathname;
      expect(orderPath).toMatch(/^\/hk05\/pesanan\/HK05-[A-Z0-9]{4}\/[a-z2-7]{32}$/);
      const code = orderPath.split('/')[3]!;
      // The shop's own header, never the dashboard's.
      await expect(page.locator('header.top a.id').getAttribute('href')).resolves.toBe('/hk05');
      await expect(page.locator('a[href^="/dashboard"]').count()).resolves.toBe(0);
      const send = page.locator('[data-send-whatsapp]');
      await expect(send.textContent()).resolves.toBe('Kirim ke WhatsApp');
      const sendBox = (await send.boundingBox())!;
      expect(sendBox.height).toBeGreaterThanOrEqual(48);
      expect(sendBox.width).toBeGreaterThan(280);
      const message = new URL((await send.getAttribute('href'))!).searchParams.get('text')!;
      expect(message).toContain(`Kode pesanan: ${code}`);
      await expect(page.inputValue('[data-status-link]')).resolves.toBe(`${app.server.url}${orderPath}`);
      await expect(page.locator('#next-h + p').textContent()).resolves.toContain('ambil pesanan di');
      await page.locator('details.copy summary').click();
      await expect(page.inputValue('#wa-message')).resolves.toBe(message);
      const copy = page.locator('[data-copy-button]');
      if (js) {
        await copy.click();
        await page.waitForFunction(() => document.querySelector('[data-copy-status]')?.textContent === 'Pesan sudah disalin.');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(message);
      } else {
        await expect(copy.isVisible()).resolves.toBe(false);
      }
      await shot(page, `order-${js ? 'js' : 'nojs'}-360`);
      const [wa] = await Promise.all([page.waitForRequest((r) => r.url().startsWith('https://wa.me/')), send.click({ noWaitAfter: true })]);
      expect(new URL(wa.url()).searchParams.get('text')).toBe(message);

      // Back in the shop later: the header's "my orders" lists it.
      await page.goto(`${app.server.url}/hk05`);
      await submitAndLoad(page, () => page.locator('[data-my-orders]').click());
      await expect(page.locator(`[data-order="${code}"] a`).getAttribute('href')).resolves.toBe(orderPath);
      await shot(page, `my-orders-${js ? 'js' : 'nojs'}-360`);
      await ctx.close();
    });
  }

  it('the customer pages fit 360 and 1280 px in both languages (no sideways scroll)', async () => {
    const fits = async (page: Page, name: string) => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
      expect(await page.locator('html').getAttribute('lang'), name).toBe(name.split('-').at(-2));
      await shot(page, name);
    };
    for (const width of [360, 1280]) {
      for (const lang of ['id', 'en']) {
        const { ctx, page } = await phone(true, width);
        // The language the buyer chose stays with them (the cookie /bahasa sets) through posts and redirects.
        await ctx.addCookies([{ name: 'lang', value: lang, url: app.server.url }]);
        const at = (p: string) => `${app.server.url}${p}`;
        await page.goto(at('/hk05'));
        await submitAndLoad(page, () =>
          page.locator('[data-product="telur-asin-bakar-isi-10"] form').evaluate((f: HTMLFormElement) => f.submit()),
        );
        await page.goto(at('/hk05/keranjang'));
        await fits(page, `cart-${lang}-${width}`);
        await page.goto(at('/hk05/checkout'));
        await fits(page, `checkout-${lang}-${width}`);
        await page.fill('input[name=customerName]', 'Daeng Ngai');
        await page.fill('input[name=customerPhone]', '0852-4000-9876');
        await submitAndLoad(page, () => page.locator('form[data-checkout] button[type=submit]').click());
        await expect(page.locator('[data-send-whatsapp]').isVisible()).resolves.toBe(true);
        await fits(page, `order-${lang}-${width}`);
        await page.goto(at('/hk05/pesanan'));
        await fits(page, `my-orders-${lang}-${width}`);
        await page.goto(at('/hk05?q=sepatu'));
        await fits(page, `search-empty-${lang}-${width}`);
        await ctx.close();
      }
    }
  });
});
