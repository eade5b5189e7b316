import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { DEMO_PASSWORD } from './db.ts';

/** Sign in through the form in a fresh context (desktop or a 360 px touch phone). */
export async function signedInPage(browser: Browser, base: string, email: string, phone = false): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext(phone
    ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, acceptDownloads: true }
    : { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`${base}/masuk`);
  await page.fill('input[name=identifier]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('form button[type=submit]')]);
  return { ctx, page };
}

export async function openDesign(page: Page, base: string, nameStartsWith: string): Promise<void> {
  await page.goto(`${base}/dashboard/hk05/brand`);
  await page.locator('.design-list a', { hasText: nameStartsWith }).first().click();
  await page.waitForSelector('#studio[data-ready="1"]');
}

/**
 * Pixel difference between two renderings: pixelmatch at threshold 0.1 with anti-aliased pixels
 * ignored, as a share of the pixels that are not page background in either picture.
 */
export function compare(a: PNG, b: PNG, background: string | null): { diff: number; ink: number; ratio: number; image: PNG } {
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  const crop = (p: PNG) => {
    if (p.width === w && p.height === h) return p.data;
    const out = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++) p.data.copy(out, y * w * 4, y * p.width * 4, y * p.width * 4 + w * 4);
    return out;
  };
  const da = crop(a);
  const db = crop(b);
  const image = new PNG({ width: w, height: h });
  const diff = pixelmatch(da, db, image.data, w, h, { threshold: 0.1, includeAA: false });
  const bg = background ? [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16)) : null;
  const isBg = (d: Buffer, i: number) => bg
    ? Math.abs(d[i]! - bg[0]!) + Math.abs(d[i + 1]! - bg[1]!) + Math.abs(d[i + 2]! - bg[2]!) < 6 && d[i + 3]! > 250
    : d[i + 3]! < 8;
  let ink = 0;
  for (let i = 0; i < da.length; i += 4) if (!isBg(da, i) || !isBg(db, i)) ink++;
  return { diff, ink, ratio: ink ? diff / ink : 0, image };
}
