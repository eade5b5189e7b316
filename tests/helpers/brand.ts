import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { DEMO_PASSWORD } from './db.ts';

export const pageErrors: string[] = [];

/** Sign in through the form in a fresh context (desktop or a 360 px touch phone). */
export async function signedInPage(
  browser: Browser,
  base: string,
  email: string,
  phone = false,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext(
    phone
      ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, acceptDownloads: true }
      : { viewport: { width: 1280, height: 900 }, acceptDownloads: true },
  );
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
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
  const isBg = (d: Buffer, i: number) =>
    bg ? Math.abs(d[i]! - bg[0]!) + Math.abs(d[i + 1]! - bg[1]!) + Math.abs(d[i + 2]! - bg[2]!) < 6 && d[i + 3]! > 250 : d[i + 3]! < 8;
  let ink = 0;
  for (let i = 0; i < da.length; i += 4) if (!isBg(da, i) || !isBg(db, i)) ink++;
  return { diff, ink, ratio: ink ? diff / ink : 0, image };
}

/** Screen position of a named object's centre or of one of its controls (e.g. 'br'), in page pixels. */
export async function objectPoint(page: Page, name: string, control?: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([n, ctl]) => {
      const c = (window as unknown as { __studio: { canvas: any } }).__studio.canvas;
      const o = c.getObjects().find((x: { name?: string }) => x.name === n);
      if (!o) throw new Error(`no object ${n}`);
      const r = c.upperCanvasEl.getBoundingClientRect();
      if (ctl) {
        o.setCoords();
        const p = o.oCoords[ctl];
        return { x: r.left + p.x, y: r.top + p.y };
      }
      const p = o.getCenterPoint();
      const v = c.viewportTransform;
      return { x: r.left + p.x * v[0] + v[4], y: r.top + p.y * v[3] + v[5] };
    },
    [name, control ?? ''] as const,
  );
}

/**
 * A named object as the studio would save it, read once every action the page has queued (undo, redo,
 * property edits, restores) has finished: those replace the canvas asynchronously.
 */
export async function objectState(page: Page, name: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (n) => {
    const s = (window as unknown as { __studio: { settled(): Promise<void>; serialize(): { objects: Record<string, unknown>[] } } })
      .__studio;
    await s.settled();
    return s.serialize().objects.find((o) => o.name === n)!;
  }, name);
}

export async function activeName(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { __studio: { canvas: any } }).__studio.canvas.getActiveObject()?.name);
}
