import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

const app = useServerAndBrowser();

/** Nothing sticks out sideways on a 360 px phone. */
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/**
 * The photos are loading="lazy": the load event that waitForURL waits for does not wait for them, so
 * wait for the image itself (a broken image never gets a natural width, and the test times out).
 */
async function imageLoaded(page: Page, img: Locator) {
  await page.waitForFunction(
    (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
    await img.elementHandle(),
  );
}

describe("the owner's catalog on a phone (Chromium, 360 px)", () => {
  it('creates a product with a variant and a photo, publishes it, and finds it in the list and the public catalog', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`${app.server.url}/masuk`);
    await page.fill('input[name=identifier]', 'pemilik@hk05.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);

    await page.goto(`${app.server.url}/dashboard/hk05`);
    await Promise.all([page.waitForURL(/\/produk$/), page.click('[data-bottom-nav] >> text=Produk')]);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);
    await Promise.all([page.waitForURL(/\/produk\/baru$/), page.click('text=Tambah produk')]);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);

    await page.fill('input[name=name]', 'Bolu Pandan Telur Asin');
    await page.fill('textarea[name=description]', 'Bolu pandan lembut dengan taburan kuning telur asin.');
    await page.fill('input[name=category]', 'Kue');
    await page.fill('input[name=netContent]', '500 g');
    await page.fill('input[name=price]', 'Rp 45.000');
    await page.fill('input[name=unitCost]', '26.000');
    await page.check('input[name=stockUnlimited]');
    // Variants are folded away until opened (a <details>: no script needed).
    await page.click('summary:has-text("Varian")');
    await page.fill('input[name="variants.0.name"]', 'Loyang kecil');
    await page.fill('input[name="variants.0.price"]', '45.000');
    await page.fill('input[name="variants.0.stock"]', '5');
    await page.fill('input[name="variants.1.name"]', 'Loyang besar');
    await page.fill('input[name="variants.1.price"]', '80.000');
    await page.fill('input[name="variants.1.compareAtPrice"]', '90.000');
    await page.check('input[name="variants.1.stockUnlimited"]');
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3f8f4f' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><circle cx="600" cy="450" r="300" fill="#f2d27a"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();
    await page.setInputFiles('input[name=file]', { name: 'bolu.jpg', mimeType: 'image/jpeg', buffer: photo });
    // A price and a photo would publish it at once: this merchant keeps it as a draft first.
    await page.check('input[name=keepDraft]');
    await Promise.all([page.waitForURL(/\/produk\/[a-z0-9]+\?ok=created$/), page.click('button:has-text("Simpan produk")')]);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    await expect(page.locator('.alert.ok').textContent()).resolves.toBe('Produk dibuat.');
    await expect(page.locator('h2.title .badge').textContent()).resolves.toBe('Draf');
    await expect(page.locator('.photos li').count()).resolves.toBe(1);
    await imageLoaded(page, page.locator('.photos img'));
    await expect(page.inputValue('input[name="variants.1.compareAtPrice"]')).resolves.toBe('90.000');
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);

    // Publish.
    await page.check('input[name=status][value=published]');
    await Promise.all([page.waitForURL(/\?ok=saved$/), page.click('button:has-text("Simpan perubahan")')]);
    await expect(page.locator('h2.title .badge').textContent()).resolves.toBe('Tampil di toko');
    await expect(page.locator('[data-testid=short-link]').textContent()).resolves.toBe(`${app.server.url}/q/${id}`);

    await page.click('text=← Semua produk');
    await page.waitForURL(/\/produk$/);
    const item = page.locator(`li[data-product="${id}"]`);
    await expect(item.locator('.name').textContent()).resolves.toBe('Bolu Pandan Telur Asin');
    await expect(item.locator('.badge').textContent()).resolves.toBe('Tampil di toko');
    await expect(item.locator('.price').textContent()).resolves.toBe('Rp 45.000 – Rp 80.000');
    await imageLoaded(page, item.locator('img'));

    const api = await page.request.get(`${app.server.url}/api/v1/shops/hk05/products`);
    const { products } = (await api.json()) as {
      products: { id: string; slug: string; variants: { name: string }[]; photos: unknown[] }[];
    };
    const mine = products.find((p) => p.id === id)!;
    expect(mine.slug).toBe('bolu-pandan-telur-asin');
    expect(mine.variants.map((v) => v.name)).toEqual(['Loyang kecil', 'Loyang besar']);
    expect(mine.photos.length).toBe(1);
    expect(JSON.stringify(mine)).not.toContain('26000');
    const hop = await page.request.get(`${app.server.url}/q/${id}`, { maxRedirects: 0 });
    expect(hop.status()).toBe(302);
    expect(hop.headers().location).toBe('/hk05/p/bolu-pandan-telur-asin');
    await ctx.close();
  });
});
