import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

const app = useServerAndBrowser();

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const salesMonth = async (page: Page) => Number(await page.getAttribute('[data-sales-month]', 'data-sales-month'));
/** The stall's net sales in the report's table by channel; no row when the period has none yet. */
const stallInReport = async (page: Page) => Number((await (await page.$('tr[data-channel=stall]'))?.getAttribute('data-net')) ?? 0);
const stockOf = async (page: Page, key: string) => Number(await page.getAttribute(`[data-choice="${key}"]`, 'data-stock'));

describe('quick sale on a phone (Chromium, 360 px)', () => {
  it('records a stall sale that shows in the dashboard home and the report and takes the stock, then repeats it in three taps', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`${app.server.url}/masuk`);
    await page.fill('input[name=identifier]', 'pemilik@hk05.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);

    await page.goto(`${app.server.url}/dashboard/hk05`);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);
    const before = await salesMonth(page);
    // The report's period is one tap: "this month" is a chip, the full form stays folded on a phone.
    await page.goto(`${app.server.url}/dashboard/hk05/laporan`);
    await Promise.all([page.waitForURL(/laporan\?month=/), page.click('.period-picker .chips a >> nth=0')]);
    expect(await page.getAttribute('.period-picker .chips a >> nth=0', 'aria-current')).toBe('page');
    expect(await page.locator('.period-picker details').getAttribute('open')).toBeNull();
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);
    const reportUrl = page.url();
    const stallBefore = await stallInReport(page);

    // On a phone Jual sits behind "Lainnya" in the bottom bar.
    await page.click('[data-more] summary');
    await Promise.all([page.waitForURL(/\/jual$/), page.click('[data-more] >> text=Jual')]);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(360);
    // A product whose stock is counted, with enough of it.
    const item = page.locator('[data-choice]:not([data-stock=""])').first();
    const key = (await item.getAttribute('data-choice'))!;
    const price = Number(await item.getAttribute('data-price'));
    const stock = await stockOf(page, key);
    expect(stock).toBeGreaterThanOrEqual(3);

    await item.locator('input[type=number]').fill('2');
    expect(await page.isChecked('input[name=channel][value=stall]')).toBe(true);
    await page.check('input[name=payment][value=cash]');
    await Promise.all([page.waitForURL(/\/jual\?ok=/), page.click('[data-submit-sale]')]);
    const code = new URL(page.url()).searchParams.get('ok')!;
    expect(await page.textContent('.alert.ok')).toContain(code);
    expect(await stockOf(page, key)).toBe(stock - 2);

    await page.goto(`${app.server.url}/dashboard/hk05`);
    expect(await salesMonth(page)).toBe(before + 2 * price);
    await page.goto(reportUrl);
    expect(await stallInReport(page)).toBe(stallBefore + 2 * price);
    await page.goto(`${app.server.url}/dashboard/hk05`);

    // A repeat sale of one product from the dashboard home: tap "record a sale", tap "sell 1 more, cash": done.
    await Promise.all([page.waitForURL(/\/jual$/), page.click('[data-record-sale]')]);
    await Promise.all([page.waitForURL(/\/jual\?ok=/), page.click(`[data-repeat="${key}"]`)]);
    const second = new URL(page.url()).searchParams.get('ok')!;
    expect(second).not.toBe(code);
    expect(await stockOf(page, key)).toBe(stock - 3);
    await page.goto(`${app.server.url}/dashboard/hk05`);
    expect(await salesMonth(page)).toBe(before + 3 * price);
    await ctx.close();
  });
});
