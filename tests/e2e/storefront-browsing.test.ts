import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { shopId, useServerDatabase } from '../helpers/shop-data.ts';

/**
 * A customer on a cheap phone (360 px): browse HK05, filter a category, search, open a product; images
 * below the first row wait until scrolled near. The same with JavaScript off, through to the add-to-cart
 * form post. Screenshots at 360 and 1280 px go to test-results/screenshots/ for people to look at.
 */
let server: TestServer;
let browser: Browser;
let store: Awaited<ReturnType<typeof useServerDatabase>>;
let hk05: string;
const shots = path.resolve(import.meta.dirname, '../../test-results/screenshots');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { PAGE_CACHE_VERSION_TTL_MS: '0' } }), launchBrowser()]);
  store = await useServerDatabase(server);
  const { addDemoCatalog } = await import('#db/demo-catalog.ts');
  // 30 products, each with its own image, so a request for an image tells which card asked for it.
  await addDemoCatalog(store.db(), { shopSlug: 'hk05', count: 30, photoSize: 400, distinctPhotos: 30 });
  hk05 = await shopId('hk05');
  fs.mkdirSync(shots, { recursive: true });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await store?.close();
  await server?.stop();
});

const phone = (opts: { javaScriptEnabled?: boolean } = {}) =>
  browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...opts });

function mediaRequests(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('request', (r) => {
    const m = /\/media\/[a-z0-9]+\/([a-z0-9]+)\//.exec(r.url());
    if (m) seen.add(m[1]!);
  });
  return seen;
}

const mediaIdOf = (src: string) => /\/media\/[a-z0-9]+\/([a-z0-9]+)\//.exec(src)![1]!;

async function shoot(ctx: BrowserContext, name: string, url: string) {
  const page = await ctx.newPage();
  await page.goto(server.url + url, { waitUntil: 'networkidle' });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
  await page.close();
}

describe('the catalog in Chromium', () => {
  it('browses at 360 px: first row eager, later images lazy, category filter, search, product page', async () => {
    const ctx = await phone();
    await ctx.addCookies([{ name: `cc_${hk05}`, value: '2', url: server.url }]);
    const page = await ctx.newPage();
    const requested = mediaRequests(page);
    await page.goto(`${server.url}/hk05`, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').textContent()).resolves.toBe('HK05 Telur Asin Bakar');
    const cards = page.locator('.grid > li');
    expect(await cards.count()).toBe(30);
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The cart count comes from the cookie (the cached HTML is the same for everyone).
    await page.waitForFunction(() => document.getElementById('cc')?.textContent === '2');
    expect(await page.locator('#cc').isVisible()).toBe(true);

    const imgs = page.locator('.grid img');
    for (const i of [0, 1]) {
      await expect(imgs.nth(i).getAttribute('loading')).resolves.toBe('eager');
      await page.waitForFunction(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
        await imgs.nth(i).elementHandle(),
      );
    }
    const last = imgs.last();
    await expect(last.getAttribute('loading')).resolves.toBe('lazy');
    const lastId = mediaIdOf((await last.getAttribute('src'))!);
    expect(requested.has(lastId), "the last card's image must wait until it is scrolled near").toBe(false);
    expect(await last.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(false);
    await last.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await last.elementHandle(),
    );
    expect(requested.has(lastId)).toBe(true);
    // Modern formats: the browser picked AVIF (or WebP), not the JPEG fallback.
    expect(await last.evaluate((el) => (el as HTMLImageElement).currentSrc)).toMatch(/\.(avif|webp)$/);

    await page.evaluate(() => window.scrollTo(0, 0));
    await Promise.all([page.waitForURL(/\?kategori=kue-tradisional$/), page.locator('.chips a', { hasText: 'Kue tradisional' }).click()]);
    const names = await page.locator('.grid h3').allTextContents();
    expect(names).toContain('Bolu Cukke');
    expect(names).not.toContain('Telur Asin Bakar isi 10');
    await expect(page.locator('.chips a[aria-current="page"]').textContent()).resolves.toBe('Kue tradisional');

    await Promise.all([page.waitForURL(/\/hk05$/), page.locator('.chips a', { hasText: 'Semua' }).click()]);
    await page.fill('#q', 'kopi');
    await Promise.all([page.waitForURL(/\?q=kopi$/), page.press('#q', 'Enter')]);
    const found = await page.locator('.grid h3').allTextContents();
    expect(found.sort()).toEqual(['Kopi Arabika Gowa', 'Kopi Robusta Malino']);
    await expect(page.locator('.note').textContent()).resolves.toContain('2 produk untuk “kopi”');

    await Promise.all([
      page.waitForURL(/\/hk05\/p\/kopi-robusta-malino$/),
      page.locator('.grid a', { hasText: 'Kopi Robusta Malino' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Kopi Robusta Malino');
    await expect(page.locator('.pp .price').textContent()).resolves.toBe('mulai Rp 45.000');
    expect(await page.locator('input[type=radio][name=variantId]').count()).toBe(2);
    const cover = page.locator('.gal img').first();
    await expect(cover.getAttribute('fetchpriority')).resolves.toBe('high');
    await page.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await cover.elementHandle(),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ctx.close();
  });

  it('works with JavaScript off: filter, search, product, and the add-to-cart form posts its fields', async () => {
    const ctx = await phone({ javaScriptEnabled: false });
    const posted: Record<string, string>[] = [];
    // The cart route belongs to the orders slice; here only what the browser sends matters.
    await ctx.route(`${server.url}/hk05/keranjang`, async (route) => {
      const form = Object.fromEntries(new URLSearchParams(route.request().postData() ?? ''));
      posted.push(form);
      await route.fulfill({ status: 303, headers: { location: form.returnTo ?? '/hk05' } });
    });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/hk05`);
    await expect(page.locator('#cc').isHidden()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/kategori=telur-asin/), page.locator('.chips a', { hasText: 'Telur asin' }).click()]);
    expect(await page.locator('.grid h3').allTextContents()).toContain('Telur Asin Asap');
    await page.fill('#q', 'Asap  spesial');
    await Promise.all([page.waitForURL(/q=Asap/), page.press('#q', 'Enter')]);
    expect(page.url()).toBe(`${server.url}/hk05?q=Asap++spesial&kategori=telur-asin`);
    expect(await page.locator('.grid h3').allTextContents()).toEqual(['Telur Asin Asap Spesial']);
    // Add straight from the card; back to the same (normalised) listing.
    await Promise.all([page.waitForURL(/\/hk05\?kategori=telur-asin&q=asap\+spesial$/), page.locator('.grid form button').first().click()]);
    expect(posted[0]).toMatchObject({ quantity: '1', action: 'add', returnTo: '/hk05?kategori=telur-asin&q=asap+spesial' });
    expect(posted[0]!.productId).toMatch(/^[a-z0-9]+$/);

    await page.goto(`${server.url}/hk05/p/keripik-pisang-gowa`);
    await page.locator('label.opt', { hasText: 'Balado' }).click();
    await page.fill('#qty', '3');
    await Promise.all([page.waitForURL(/\/hk05\/p\/keripik-pisang-gowa$/), page.locator('.buy button[type=submit]').click()]);
    const variant = await store
      .db()
      .selectFrom('product_variants')
      .select(['id', 'product_id'])
      .where('shop_id', '=', hk05)
      .where('name', '=', 'Balado')
      .executeTakeFirstOrThrow();
    expect(posted[1]).toEqual({
      productId: variant.product_id,
      variantId: variant.id,
      quantity: '3',
      action: 'add',
      returnTo: '/hk05/p/keripik-pisang-gowa',
    });
    // A sold-out variant cannot be chosen.
    await expect(page.locator('label.opt', { hasText: 'Cokelat' }).locator('input').isDisabled()).resolves.toBe(true);
    await ctx.close();
  });

  it('chooses a variant on the card from chips at 360 px: 44 px targets, whole prices, posted without JavaScript', async () => {
    const ctx = await phone({ javaScriptEnabled: false });
    const posted: Record<string, string>[] = [];
    await ctx.route(`${server.url}/hk05/keranjang`, async (route) => {
      posted.push(Object.fromEntries(new URLSearchParams(route.request().postData() ?? '')));
      await route.fulfill({ status: 303, headers: { location: '/hk05' } });
    });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/hk05`);
    const card = page.locator('[data-product="telur-asin-bakar"]');
    await card.scrollIntoViewIfNeeded();
    expect(await card.locator('select').count()).toBe(0);
    const chips = card.locator('label.opt');
    await expect(chips.allTextContents()).resolves.toEqual([
      expect.stringMatching(/Isi 6\s+Rp 21\.000/),
      expect.stringMatching(/Isi 10\s+Rp 35\.000/),
      expect.stringMatching(/Isi 30\s+Rp 99\.000/),
    ]);
    const cardBox = (await card.boundingBox())!;
    const measured = await chips.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const price = el.querySelector('.vp')!;
        return {
          w: r.width,
          h: r.height,
          right: r.right,
          clipped: price.scrollWidth > price.clientWidth || price.getBoundingClientRect().right > r.right,
        };
      }),
    );
    for (const m of measured) {
      expect(m.w).toBeGreaterThanOrEqual(44);
      expect(m.h).toBeGreaterThanOrEqual(44);
      expect(m.clipped).toBe(false);
      expect(m.right).toBeLessThanOrEqual(cardBox.x + cardBox.width);
    }
    await page.screenshot({ path: path.join(shots, 'catalog-variant-chips-360.png') });
    await chips.nth(1).click();
    expect(await chips.nth(1).locator('input').isChecked()).toBe(true);
    const chosen = (await chips.nth(1).locator('input').getAttribute('value'))!;
    await Promise.all([page.waitForURL(/\/hk05$/), card.locator('button[type=submit]').click()]);
    expect(posted[0]).toMatchObject({ variantId: chosen, quantity: '1', action: 'add' });
    await ctx.close();
  });

  it('takes screenshots at 360 and 1280 px (catalog, product, village and district)', async () => {
    const pages: [string, string][] = [
      ['catalog', '/hk05'],
      ['product', '/hk05/p/keripik-pisang-gowa'],
      ['village', '/desa/romang-lompoa'],
      ['district', '/kecamatan/bontomarannu'],
      ['catalog-en', '/hk05?lang=en'],
    ];
    const small = await phone();
    const large = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const [name, url] of pages) {
      await shoot(small, `${name}-360`, url);
      await shoot(large, `${name}-1280`, url);
    }
    await small.close();
    await large.close();
    expect(fs.readdirSync(shots).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(10);
  });
});
