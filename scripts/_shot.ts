import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://127.0.0.1:45731';
const who = process.env.WHO ?? 'pemilik@hk05.test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
if (process.env.LANG_EN) await ctx.addCookies([{ name: 'lang', value: 'en', url: base }]);
const page = await ctx.newPage();
await page.goto(`${base}/masuk`);
await page.fill('input[name=identifier]', who);
await page.fill('input[name=password]', 'demo-password-123');
await Promise.all([page.waitForURL(/dashboard/), page.click('form button[type=submit]')]);
for (const [name, path] of (process.env.PAGES ?? 'list=/dashboard/hk05/produk').split(',').map((x) => x.split('='))) {
  await page.goto(base + path!);
  await page.screenshot({ path: `/tmp/catalog-scratch/${name}.png`, fullPage: true });
  console.log(name, page.url(), await page.title());
}
await browser.close();
