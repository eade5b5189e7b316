import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

const app = useServerAndBrowser();

/** Set SCREENSHOT_DIR to keep 360 px screenshots of the cart, checkout, status page and dashboard. */
async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A form post that lands on a page (303 + GET), waited for the same way with and without JavaScript. */
async function submitAndLoad(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForEvent('load'), click()]);
}

/** Wait for a condition checked from the test side (the page's own timers are faked in one test). */
async function until(check: () => Promise<boolean>, tries = 200) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('condition not met');
}

async function phone(js: boolean) {
  const ctx = await app.browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    javaScriptEnabled: js,
  });
  const page = await ctx.newPage();
  // No internet here: a wa.me link the page opens directly answers with a stand-in page.
  await page.route('https://wa.me/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><title>WhatsApp</title><h1>WhatsApp</h1>',
    }),
  );
  return { ctx, page };
}

describe('a buyer on a cheap phone orders through WhatsApp', () => {
  for (const js of [true, false]) {
    it(`browses /hk05, puts two products in the cart, lands on the order page and sends it via WhatsApp (${js ? 'with' : 'without'} JavaScript)`, async () => {
      const { ctx, page } = await phone(js);
      const tag = js ? 'js' : 'nojs';
      await page.goto(`${app.server.url}/hk05`);
      // The catalog card adds one at a time: two of the grilled eggs, one of the boiled. With JavaScript
      // in place (the header count follows), without it a post that comes back to the card.
      const addOne = async (slug: string, count: number) => {
        const button = page.locator(`[data-product="${slug}"] button[type=submit]`);
        if (!js) return submitAndLoad(page, () => button.click());
        await button.click();
        await page.waitForFunction((n) => document.getElementById('cc')?.textContent === String(n), count);
      };
      await addOne('telur-asin-bakar-isi-10', 1);
      expect(new URL(page.url()).pathname).toBe('/hk05');
      await addOne('telur-asin-bakar-isi-10', 2);
      await addOne('telur-asin-rebus-isi-6', 3);

      await submitAndLoad(page, () => page.locator('#cart').click());
      expect(new URL(page.url()).pathname).toBe('/hk05/keranjang');
      await expect(page.locator('h1').textContent()).resolves.toContain('3 barang');
      // One more of the boiled eggs with the + stepper: in place with JavaScript, a form post without.
      const rebus = page.locator('li.line', { hasText: 'Telur Asin Rebus isi 6' });
      if (js) {
        await rebus.locator('form[data-step="1"] button').click();
        await page.waitForFunction(() => document.querySelector('[data-cart-subtotal]')?.textContent === 'Rp 108.000');
      } else {
        await submitAndLoad(page, () => rebus.locator('form[data-step="1"] button').click());
      }
      await expect(rebus.locator('input[type=number]').inputValue()).resolves.toBe('2');
      await expect(page.locator('[data-cart-subtotal]').textContent()).resolves.toBe('Rp 108.000');
      await shot(page, `cart-${tag}`);

      await submitAndLoad(page, () => page.locator('a', { hasText: 'Lanjut ke pemesanan' }).click());
      expect(new URL(page.url()).pathname).toBe('/hk05/checkout');
      await page.fill('input[name=customerName]', `Ibu Sitti (${tag})`);
      await page.fill('input[name=customerPhone]', '0852-4000-1234');
      await page.check('input[name=delivery][value=courier]');
      await page.selectOption('select[name=destination]', { label: 'Kota Makassar' });
      await page.fill('textarea[name=notes]', 'Tolong dibungkus rapi & kirim pagi 🙏');
      await shot(page, `checkout-${tag}`);
      // The checkout lands on the order page in the shop's look; WhatsApp is one tap from there.
      await submitAndLoad(page, () => page.locator('form[data-checkout] button[type=submit]').click());
      expect(new URL(page.url()).pathname).toMatch(/^\/hk05\/pesanan\/HK05-[A-Z0-9]{4}\/[a-z2-7]{32}$/);
      await expect(page.locator('h1').textContent()).resolves.toMatch(/^Pesanan HK05-[A-Z0-9]{4}$/);
      await expect(page.locator('[data-order-total]').textContent()).resolves.toBe('Rp 108.000');
      await expect(page.locator('[data-status]').textContent()).resolves.toBe('Menunggu konfirmasi');
      await shot(page, `status-${tag}`);
      // Playwright cannot route a request the page opens by navigation to another origin reliably
      // (microsoft/playwright#17161), so the test reads the wa.me URL from the browser's request.
      const [waRequest] = await Promise.all([
        page.waitForRequest((r) => r.url().startsWith('https://wa.me/')),
        page.locator('[data-send-whatsapp]').click({ noWaitAfter: true }),
      ]);
      const wa = new URL(waRequest.url());
      expect(wa.pathname).toBe('/6281243210005');
      const message = wa.searchParams.get('text')!;
      expect(message).toContain('1. Telur Asin Bakar isi 10 × 2 @ Rp 35.000 = Rp 70.000');
      expect(message).toContain('2. Telur Asin Rebus isi 6 × 2 @ Rp 19.000 = Rp 38.000');
      expect(message).toContain('Catatan: Tolong dibungkus rapi & kirim pagi 🙏');
      expect(message).toContain('Total: Rp 108.000');
      const statusUrl = /Status pesanan: (\S+)/.exec(message)![1]!;

      // The buyer taps the status link in the WhatsApp message: it opens in a browser tab.
      const status = await ctx.newPage();
      await status.goto(statusUrl);
      await expect(status.locator('h1').textContent()).resolves.toMatch(/^Pesanan HK05-[A-Z0-9]{4}$/);
      await expect(status.locator('[data-order-total]').textContent()).resolves.toBe('Rp 108.000');
      await ctx.close();
    });
  }

  it('the owner sees the new orders in the dashboard (phone width)', async () => {
    const { ctx, page } = await phone(true);
    await page.goto(`${app.server.url}/masuk?next=%2Fdashboard%2Fhk05%2Fpesanan`);
    await page.fill('input[name=identifier]', 'pemilik@hk05.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard\/hk05\/pesanan$/), page.locator('main button[type=submit]').click()]);
    await expect(page.locator('[data-bottom-nav] [data-pending-badge] [data-count]').textContent()).resolves.toBe('2');
    await expect(page.locator('.orders li').count()).resolves.toBe(2);
    await shot(page, 'dashboard-orders');
    await submitAndLoad(page, () => page.locator('.orders a').first().click());
    await expect(page.locator('[data-transition]').count()).resolves.toBe(3);
    await shot(page, 'dashboard-order');
    await submitAndLoad(page, () => page.locator('[data-transition=confirmed]').click());
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Dikonfirmasi');
    await expect(page.locator('[data-bottom-nav] [data-pending-badge]').isHidden()).resolves.toBe(false);
    await ctx.close();
  });

  it('the dashboard polls for new orders and shows a browser notification once allowed', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 } });
    // A recording stand-in for the Notification API (the test cannot see real OS notifications).
    await ctx.addInitScript(() => {
      const w = window as unknown as { __shown: string[]; Notification: unknown };
      w.__shown = [];
      let permission = 'default';
      w.Notification = class {
        static get permission() {
          return permission;
        }
        static async requestPermission() {
          permission = 'granted';
          return permission;
        }
        onclick: (() => void) | null = null;
        constructor(title: string) {
          w.__shown.push(title);
        }
      };
    });
    const page = await ctx.newPage();
    await page.clock.install();
    await page.goto(`${app.server.url}/masuk?next=%2Fdashboard%2Fhk05`);
    await page.fill('input[name=identifier]', 'staf@hk05.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard\/hk05$/), page.locator('main button[type=submit]').click()]);
    const before = Number(await page.locator('[data-bottom-nav] [data-pending-badge] [data-count]').textContent());
    await page.click('[data-notify-enable]');
    await until(
      async () => (await page.locator('[data-notify-state]').textContent()) === 'Notifikasi pesanan baru aktif selama dasbor terbuka.',
    );
    expect(await page.locator('[data-notify-enable]').isHidden()).toBe(true);
    const r = await fetch(`${app.server.url}/api/v1/shops/hk05/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
        customerName: 'Bu Ani',
        customerPhone: '0811 4444 6666',
        delivery: 'pickup',
        payment: 'whatsapp',
      }),
    });
    const { code } = (await r.json()) as { code: string };
    await page.clock.runFor(21_000);
    const shown = () => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
    await until(async () => (await shown()).length > 0);
    expect(await shown()).toEqual([`Pesanan baru ${code}`]);
    await expect(page.locator('[data-bottom-nav] [data-pending-badge] [data-count]').textContent()).resolves.toBe(String(before + 1));
    await ctx.close();
  });

  it('the owner sets up bank transfer and QRIS with their password; a transfer buyer sees both (phone width)', async () => {
    const { ctx, page } = await phone(true);
    await page.goto(`${app.server.url}/masuk?next=%2Fdashboard%2Fhk05%2Fpembayaran`);
    await page.fill('input[name=identifier]', 'pemilik@hk05.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard\/hk05\/pembayaran$/), page.locator('main button[type=submit]').click()]);
    await page.fill('input[name=bankName]', 'BRI');
    await page.fill('input[name=bankAccountNumber]', '0123-01-000456-50-9');
    await page.fill('input[name=bankAccountHolder]', 'Hj. Kasma');
    await page.check('input[name=acceptTransfer]');
    const qr = await sharp({ create: { width: 480, height: 480, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 160, height: 160, channels: 3, background: '#000000' } }, left: 40, top: 40 }])
      .png()
      .toBuffer();
    await page.setInputFiles('input[name=qris]', { name: 'qris.png', mimeType: 'image/png', buffer: qr });
    await page.fill('main input[name=password]', 'salah-sandi-1');
    await submitAndLoad(page, () => page.locator('main form button[type=submit]').click());
    await expect(page.locator('#password-error').textContent()).resolves.toBe('Kata sandi salah. Tidak ada yang disimpan.');
    await expect(page.inputValue('input[name=bankAccountNumber]')).resolves.toBe('0123-01-000456-50-9');
    await page.setInputFiles('input[name=qris]', { name: 'qris.png', mimeType: 'image/png', buffer: qr });
    await page.fill('main input[name=password]', DEMO_PASSWORD);
    await submitAndLoad(page, () => page.locator('main form button[type=submit]').click());
    await expect(page.locator('.alert.ok').textContent()).resolves.toBe('Pengaturan pembayaran disimpan.');
    await shot(page, 'dashboard-payments');

    const r = await fetch(`${app.server.url}/api/v1/shops/hk05/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [{ product: 'telur-asin-bakar-satuan', quantity: 10 }],
        customerName: 'Pak Rudi',
        customerPhone: '0811 4444 5555',
        delivery: 'pickup',
        payment: 'transfer',
      }),
    });
    const { statusUrl } = (await r.json()) as { statusUrl: string };
    const buyer = await app.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'id-ID' });
    const status = await buyer.newPage();
    await status.goto(statusUrl);
    await expect(status.locator('.bank').textContent()).resolves.toContain('012301000456509');
    await status.waitForFunction(() => (document.querySelector('.qris img') as HTMLImageElement | null)?.naturalWidth === 480);
    await shot(status, 'status-transfer');
    await buyer.close();
    await ctx.close();
  });
});
