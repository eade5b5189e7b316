import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';

/**
 * Pages reached by a secret link (password reset, shop invitation, the customer's order page) keep the token
 * out of Referer headers. Their forms must still post in a real browser: with `Referrer-Policy: no-referrer`
 * Chromium sends `Origin: null`, which the origin check refuses, so a plain HTTP client cannot catch this.
 */
const app = useServerAndBrowser();

async function phone(browser: Browser) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  return { ctx, page: await ctx.newPage() };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${app.server.url}/masuk`);
  await page.fill('input[name=identifier]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);
}

/** Submits the page's form and answers the status of the response to that post (before any redirect is followed). */
async function postStatus(page: Page, submit: () => Promise<void>): Promise<number> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submit()]);
  await page.waitForLoadState('load');
  return res.status();
}

describe('forms on secret-link pages post in Chromium', () => {
  it('a password reset link sets the new password', async () => {
    const owner = new Client(app.server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const members = (await (await owner.get('/api/v1/shops/hk05/members')).json()) as { members: { id: string; role: string }[] };
    const staffId = members.members.find((m) => m.role === 'staff')!.id;
    const reset = (await (await owner.post(`/api/v1/users/${staffId}/password-resets`)).json()) as { url: string };

    const { ctx, page } = await phone(app.browser);
    await page.goto(new URL(reset.url, app.server.url).toString());
    await page.fill('input[name=newPassword]', 'sandi-baru-staf-1');
    expect(await postStatus(page, () => page.click('main form button[type=submit]'))).toBe(303);
    await ctx.close();

    const staff = new Client(app.server.url);
    await staff.signIn('staf@hk05.test', 'sandi-baru-staf-1');
  });

  it('a shop invitation is accepted by the signed-in person it was sent to', async () => {
    const owner = new Client(app.server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const invite = (await (await owner.post('/api/v1/shops/hk05/invites')).json()) as { url: string };

    const { ctx, page } = await phone(app.browser);
    await signIn(page, 'pemilik@roti-balang.test');
    await page.goto(new URL(invite.url, app.server.url).toString());
    expect(await postStatus(page, () => page.click('main form button[type=submit]'))).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/dashboard/hk05');
    await ctx.close();
  });

  it('a customer uploads the transfer receipt on the order page', async () => {
    const { ctx, page } = await phone(app.browser);
    await signIn(page, 'pemilik@hk05.test');
    await page.goto(`${app.server.url}/dashboard/hk05/pembayaran`);
    await page.fill('input[name=bankName]', 'BRI');
    await page.fill('input[name=bankAccountNumber]', '012301000111305');
    await page.fill('input[name=bankAccountHolder]', 'Hj. Ratna');
    await page.check('input[name=acceptTransfer]');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    expect(await postStatus(page, () => page.click('main form button[type=submit]'))).toBe(303);
    await ctx.close();

    const customer = new Client(app.server.url);
    const placed = await customer.post('/api/v1/shops/hk05/orders', {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }],
      customerName: 'Pembeli Transfer',
      customerPhone: '0812 0000 3333',
      delivery: 'pickup',
      payment: 'transfer',
    });
    expect(placed.status).toBe(201);
    const { statusUrl } = (await placed.json()) as { statusUrl: string };

    const c = await phone(app.browser);
    await c.page.goto(new URL(statusUrl, app.server.url).toString());
    const photo = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#d9e4ec' } })
      .jpeg()
      .toBuffer();
    await c.page.setInputFiles('form.receipt input[type=file]', { name: 'bukti.jpg', mimeType: 'image/jpeg', buffer: photo });
    expect(await postStatus(c.page, () => c.page.click('form.receipt button[type=submit]'))).toBe(303);
    await expect(c.page.locator('form.receipt').textContent()).resolves.toContain('Bukti transfer sudah');
    await c.ctx.close();
  });
});
