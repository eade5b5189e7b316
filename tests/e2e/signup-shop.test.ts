import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/browser.ts';

const app = useServerAndBrowser();

describe('a new merchant in Chromium', () => {
  it('signs up, creates a shop and opens its public page (phone width)', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`${app.server.url}/daftar`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Daftar akun');
    await page.fill('input[name=name]', 'Ibu Sitti');
    await page.fill('input[name=phone]', '0852-4000-1234');
    await page.fill('input[name=password]', 'kue-lapis-99');
    await Promise.all([page.waitForURL(/\/dashboard$/), page.click('button[type=submit]')]);
    await page.click('text=Buat toko');
    await page.waitForURL(/\/dashboard\/baru$/);
    // The shop's WhatsApp starts as the owner's own number; the online address follows the name as it is typed.
    await expect(page.inputValue('input[name=whatsapp]')).resolves.toBe('+62 852-4000-1234');
    await page.fill('input[name=name]', 'Kue Lapis Sitti <b>enak</b>');
    await expect(page.inputValue('input[name=slug]')).resolves.toBe('kue-lapis-sitti-b-enak-b');
    // A bad number first: the form explains in Indonesian and keeps what was typed.
    await page.fill('input[name=slug]', 'kue-lapis-sitti');
    await page.selectOption('select[name=villageId]', { label: 'Borongloe' });
    await page.fill('input[name=whatsapp]', '12345');
    await page.click('form.stack button[type=submit]');
    await expect(page.locator('#whatsapp-error').textContent()).resolves.toContain('Nomor HP Indonesia tidak valid');
    await expect(page.inputValue('input[name=slug]')).resolves.toBe('kue-lapis-sitti');
    await page.fill('input[name=whatsapp]', '0852 4000 1234');
    await page.fill('textarea[name=description]', 'Kue lapis legit & bolu pandan.');
    await Promise.all([page.waitForURL(/\/dashboard\/kue-lapis-sitti$/), page.click('form.stack button[type=submit]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Kue Lapis Sitti <b>enak</b>');
    // On a phone the public page link sits behind "Lainnya" in the bottom bar.
    await page.click('[data-more] summary');
    await page.click('[data-more] >> text=Lihat halaman toko');
    await page.waitForURL(/\/kue-lapis-sitti$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Kue Lapis Sitti <b>enak</b>');
    expect(await page.locator('h1 b').count()).toBe(0); // escaped, not markup
    await expect(page.locator('a.wa').getAttribute('href')).resolves.toMatch(/^https:\/\/wa\.me\/6285240001234\?text=Halo%20Kue%20Lapis/);
    await expect(page.locator('main').textContent()).resolves.toContain('Borongloe');
    // Switch language; the choice is remembered on the next page.
    // The English page has the same elements as the Indonesian one: wait for it before reading them.
    await Promise.all([page.waitForEvent('load'), page.click('a[hreflang="en"]')]);
    await expect(page.locator('a.wa').textContent()).resolves.toBe('Ask on WhatsApp');
    await page.goto(`${app.server.url}/dashboard`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Dashboard');
    await ctx.close();
  });
});
