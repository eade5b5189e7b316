import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { shopIdOf } from '../helpers/orders.ts';
import { closeDb, db } from '#server/db/index.ts';
import { resetConfig } from '#server/config.ts';

const app = useServerAndBrowser();

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('marketplace import on a phone (Chromium, 360 px)', () => {
  it('uploads a Shopee export, sees the preview with the bad row, maps the unmatched line once, imports, and finds the orders in the inbox', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`${app.server.url}/masuk`);
    await page.fill('input[name=identifier]', 'staf@hk05.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);

    await page.goto(`${app.server.url}/dashboard/hk05/impor`);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);
    const csv = [
      'Order ID,Order Status,Product Name,Variation Name,SKU Reference No.,Deal Price,Quantity,Commission Fee,Service Fee,Transaction Fee',
      'E2E-1,Completed,Teh Misterius E2E,,,15000,2,1500,0,0',
      'E2E-2,Completed,Teh Misterius E2E,,,15000,1,1500,0,0',
      'E2E-3,Completed,Teh Misterius E2E,,,15000,tiga,0,0,0',
    ].join('\n');
    await page.setInputFiles('input[name=file]', { name: 'pesanan-shopee.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.selectOption('select[name=marketplace]', 'shopee');
    await Promise.all([page.waitForURL(/\/impor\?id=/), page.click('[data-upload] button[type=submit]')]);
    expect(await page.textContent('[data-bad-rows]')).toContain('4');
    expect(await page.textContent('main')).toContain('Sisanya tetap bisa diimpor');
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);

    const unmatched = page.locator('[data-unmatched="name:teh misterius e2e|"]');
    await unmatched.locator('select').selectOption({ index: 1 });
    await Promise.all([page.waitForURL(/ok=mapped/), unmatched.locator('button').click()]);
    expect(await page.locator('[data-unmatched]').count()).toBe(0);
    expect(await page.textContent('[data-commit]')).toContain('2');

    await Promise.all([page.waitForURL(/\/impor\?id=[^&]+$/), page.click('[data-commit]')]);
    // The commit runs in the server; the island polls it and reloads the page when it ends.
    await page.waitForSelector('[data-import-result]', { timeout: 120_000 });
    expect(await page.textContent('[data-import-result]')).toMatch(/Pesanan baru\s*2/);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);

    // The imported orders' codes, read from the server's database, are in the order inbox.
    Object.assign(process.env, app.server.db.env);
    if (!app.server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
    resetConfig();
    const hk05 = await shopIdOf('hk05');
    const codes = await db()
      .selectFrom('marketplace_orders')
      .innerJoin('orders', (j) =>
        j.onRef('orders.shop_id', '=', 'marketplace_orders.shop_id').onRef('orders.id', '=', 'marketplace_orders.order_id'),
      )
      .select('orders.code')
      .where('marketplace_orders.shop_id', '=', hk05)
      .where('marketplace_orders.external_order_id', 'in', ['E2E-1', 'E2E-2'])
      .execute();
    await closeDb();
    expect(codes).toHaveLength(2);
    await page.goto(`${app.server.url}/dashboard/hk05/pesanan?channel=marketplace`);
    const inbox = (await page.textContent('main')) ?? '';
    for (const { code } of codes) expect(inbox).toContain(code);
    await ctx.close();
  });
});
