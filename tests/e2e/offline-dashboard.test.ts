import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { Network } from '../helpers/network.ts';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { shopIdOf } from '../helpers/orders.ts';
import { closeDb, db } from '#server/db/index.ts';
import { resetConfig } from '#server/config.ts';

const app = useServerAndBrowser();

const network = new Network();
let owner: Client;
let hk05 = '';
beforeAll(async () => {
  await network.start(app.server.url);
  owner = new Client(app.server.url);
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  Object.assign(process.env, app.server.db.env);
  if (!app.server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  hk05 = await shopIdOf('hk05');
}, 900_000);
afterEach(() => network.restore());
afterAll(async () => {
  await closeDb();
  await network.stop();
});

async function signIn(ctx: BrowserContext, email: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${network.url}/masuk`);
  await page.fill('input[name=identifier]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('main form button[type=submit]')]);
  return page;
}

/**
 * The network returns. A page that navigated while offline never saw the offline emulation (Chromium 150 drops it
 * for a new document), so it gets no `online` event either: the person taps "send now" when it shows, as on a
 * phone whose signal came back unnoticed. Sending twice is harmless (each change posts once).
 */
async function backOnline(ctx: BrowserContext, page: Page) {
  await network.set(ctx, true);
  await page.evaluate(() => {
    const send = document.querySelector<HTMLButtonElement>('[data-offline-send]');
    if (send && !send.hidden) send.click();
  });
}

/** The page is controlled by /sw.js and has kept the shop's daily pages (src/islands/offline/dashboard.ts sets data-ready). */
async function readyOffline(page: Page) {
  await page.waitForSelector('[data-offline][data-ready]', { state: 'attached' });
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller);
}

/** A product of the quick sale page whose stock is not counted or is ample. */
async function sellable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>('[data-choice]')];
    const pick = all.find((e) => e.dataset.stock === '') ?? all.sort((a, b) => Number(b.dataset.stock) - Number(a.dataset.stock))[0];
    return pick!.dataset.choice!;
  });
}

const ordersNamed = (prefix: string) =>
  db().selectFrom('orders').select(['id', 'code']).where('shop_id', '=', hk05).where('customer_name', 'like', `${prefix}%`).execute();

async function fulfilledEntries(orderIds: string[]) {
  const rows = await db()
    .selectFrom('journal_entries')
    .select('idem_key')
    .where('shop_id', '=', hk05)
    .where(
      'idem_key',
      'in',
      orderIds.map((id) => `order:${id}:fulfilled`),
    )
    .execute();
  return rows.length;
}

async function recordSale(page: Page, key: string, name: string, quantity = 1) {
  const before = await page.locator('[data-offline-list] li').count();
  await page.fill(`[data-choice="${key}"] input[type=number]`, String(quantity));
  await page.check('[data-sale-form] input[name=payment][value=cash]');
  await page.fill('[data-sale-form] input[name=customerName]', name);
  await page.click('[data-submit-sale]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-offline-list] li').length === n, before + 1);
}

describe('the dashboard with no network (Chromium, service worker, IndexedDB)', () => {
  it('20 sales recorded offline survive closing the page and reach the books exactly once; a replay changes nothing', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    let page = await signIn(ctx, 'staf@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/jual`);
    await readyOffline(page);
    const key = await sellable(page);

    await network.set(ctx, false);
    for (let i = 0; i < 20; i++) await recordSale(page, key, `Luring ${String(i).padStart(2, '0')}`);
    expect(await page.locator('[data-offline-list] li[data-state=waiting]').count()).toBe(20);
    // Said while the page that went offline is open: Chromium 150 drops the offline emulation for a page that
    // navigates later (navigator.onLine reads true there), so the reopened page below cannot be asked.
    expect(await page.textContent('[data-offline-status]')).toMatch(/offline/i);
    const queued = await page.evaluate(async () => {
      const open = indexedDB.open('etalase-offline');
      const idb = await new Promise<IDBDatabase>((res) => (open.onsuccess = () => res(open.result)));
      const req = idb.transaction('changes').objectStore('changes').getAll();
      return new Promise<{ change: unknown }[]>((res) => (req.onsuccess = () => res(req.result as { change: unknown }[])));
    });
    expect(await ordersNamed('Luring ')).toHaveLength(0);

    // The browser tab is closed before anything was sent; reopened with still no network, from the worker's copy.
    await page.close();
    page = await ctx.newPage();
    await page.goto(`${network.url}/dashboard/hk05/jual`);
    await page.waitForFunction(() => document.querySelectorAll('[data-offline-list] li[data-state=waiting]').length === 20);
    // The product list and the recent orders open too.
    await page.goto(`${network.url}/dashboard/hk05/produk`);
    expect(await page.locator('[data-offline]').count()).toBe(1);
    await page.goto(`${network.url}/dashboard/hk05/pesanan`);
    expect(await page.locator('[data-offline]').count()).toBe(1);

    await backOnline(ctx, page);
    await page.waitForFunction(() => document.querySelectorAll('[data-offline-list] li').length === 0);
    const orders = await ordersNamed('Luring ');
    expect(orders).toHaveLength(20);
    expect(await fulfilledEntries(orders.map((o) => o.id))).toBe(20);

    // The same 20 changes sent again (an answer lost on the way): all replayed, nothing new.
    const replay = await page.evaluate(
      async (changes) => {
        const r = await fetch('/api/v1/shops/hk05/sync', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ changes }),
        });
        return ((await r.json()) as { results: { outcome: string }[] }).results.map((x) => x.outcome);
      },
      queued.map((q) => q.change),
    );
    expect(replay).toEqual(Array(20).fill('replayed'));
    expect(await ordersNamed('Luring ')).toHaveLength(20);
    expect(await fulfilledEntries(orders.map((o) => o.id))).toBe(20);
    await ctx.close();
  });

  it('an expense recorded offline on the cash book is kept, then posted once when the network returns', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signIn(ctx, 'pemilik@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/kas`);
    await readyOffline(page);
    const memo = `Plastik luring ${Date.now()}`;
    const expenses = () =>
      db().selectFrom('cash_book').select(['amount', 'kind']).where('shop_id', '=', hk05).where('memo', '=', memo).execute();

    await network.set(ctx, false);
    await page.fill('#form-expense input[name=amount]', '12500');
    await page.fill('#form-expense input[name=memo]', memo);
    await page.click('#form-expense button[type=submit]');
    await page.waitForSelector('[data-offline-list] li[data-state=waiting]');
    expect(await page.textContent('[data-offline-list]')).toContain('Rp 12.500');
    expect(await expenses()).toEqual([]);

    await backOnline(ctx, page);
    await page.waitForFunction(() => document.querySelectorAll('[data-offline-list] li').length === 0);
    expect(await expenses()).toEqual([{ amount: 12500, kind: 'expense' }]);
    await ctx.close();
  });

  it('is installable: Chromium finds the shop manifest, its icons and the service worker without a complaint', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await signIn(ctx, 'pemilik@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05`);
    await readyOffline(page);
    const cdp = await ctx.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
    expect(manifest.url).toContain('/hk05/manifest.webmanifest');
    expect(manifest.errors.map((e) => e.message)).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // A test browser context is an incognito profile, where Chromium never offers to install; anything else counts.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await ctx.close();
  });

  it('a status change on an order that changed meanwhile is not applied, and says so', async () => {
    const product = await db()
      .selectFrom('products')
      .select('id')
      .where('shop_id', '=', hk05)
      .where('status', '=', 'published')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('product_variants').select('id').whereRef('product_variants.product_id', '=', 'products.id'))),
      )
      .orderBy('stock', 'desc')
      .executeTakeFirstOrThrow();
    const placed = await new Client(app.server.url).request('/api/v1/shops/hk05/orders', {
      method: 'POST',
      headers: { 'x-forwarded-for': '198.51.100.77' },
      json: {
        items: [{ productId: product.id, quantity: 1 }],
        customerName: 'Daeng Konflik',
        customerPhone: '0852-4111-7777',
        delivery: 'pickup',
        payment: 'whatsapp',
        idempotencyKey: `offline-conflict-${Date.now()}`,
      },
    });
    expect(placed.status, await placed.clone().text()).toBe(201);
    const { code } = (await placed.json()) as { code: string };
    const ctx = await app.browser.newContext();
    const page = await signIn(ctx, 'staf@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/pesanan/${code}`);
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller);
    await network.set(ctx, false);
    await page.click('[data-transition=confirmed]');
    await page.waitForSelector('[data-offline-list] li[data-state=waiting]');
    // Meanwhile the owner, online elsewhere, cancels it.
    const cancel = await owner.post(`/api/v1/shops/hk05/orders/${code}/transitions`, { to: 'cancelled', reason: 'customer_request' });
    expect(cancel.status).toBe(200);
    await backOnline(ctx, page);
    const item = page.locator('[data-offline-list] li[data-state=conflict]');
    await item.waitFor();
    expect(await item.textContent()).toContain(code);
    expect(await item.textContent()).toMatch(/berubah di tempat lain/);
    const row = await db()
      .selectFrom('orders')
      .select('status')
      .where('shop_id', '=', hk05)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
    await ctx.close();
  });

  it('one shared phone: each person sees only their own waiting records; signing out empties the kept pages', async () => {
    const ctx = await app.browser.newContext();
    let page = await signIn(ctx, 'staf@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/jual`);
    await readyOffline(page);
    const key = await sellable(page);
    await network.set(ctx, false);
    await recordSale(page, key, 'Berbagi 1');
    // The sync request cannot get through yet; the page is back online for signing out.
    await page.route('**/api/v1/shops/hk05/sync', (r) => r.abort('internetdisconnected'));
    await backOnline(ctx, page);
    await page.waitForFunction(() => document.querySelectorAll('[data-offline-list] li[data-state=waiting]').length === 1);
    await Promise.all([page.waitForURL(`${network.url}/`), page.click('form[action="/keluar"] button')]);
    expect(
      await page.evaluate(
        async () =>
          (await caches.keys()).includes('etalase-dashboard') && (await (await caches.open('etalase-dashboard')).keys()).length > 0,
      ),
    ).toBe(false);

    await page.close();
    page = await signIn(ctx, 'pemilik@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/jual`);
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller);
    expect(await page.locator('[data-offline-list] li').count()).toBe(0);
    expect(await page.isHidden('[data-offline]')).toBe(true);
    await Promise.all([page.waitForURL(`${network.url}/`), page.click('form[action="/keluar"] button')]);
    await page.close();

    // Back to the first person: their sale is still there, and goes out.
    page = await signIn(ctx, 'staf@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/jual`);
    await page.waitForFunction(() => document.querySelectorAll('[data-offline-list] li').length === 0);
    expect(await ordersNamed('Berbagi ')).toHaveLength(1);
    await ctx.close();
  });

  it('a dashboard page after the first load transfers at most 30 KB', async () => {
    // Without the worker, so every byte the page needs goes over the wire and is counted here (the worker only saves more).
    const ctx = await app.browser.newContext({ serviceWorkers: 'block' });
    const page = await signIn(ctx, 'pemilik@hk05.test');
    await page.goto(`${app.server.url}/dashboard/hk05/pesanan`);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
    });
    await page.goto(`${app.server.url}/dashboard/hk05/pesanan`, { waitUntil: 'load' });
    await page.goto(`${app.server.url}/dashboard/hk05/jual`, { waitUntil: 'load' });
    const perPage = bytes / 2;
    expect(perPage).toBeGreaterThan(1000);
    expect(perPage).toBeLessThanOrEqual(30 * 1024);
    await ctx.close();
  });

  it('a staff member removed meanwhile: their waiting sales are refused and never reach the books', async () => {
    const ctx = await app.browser.newContext();
    const page = await signIn(ctx, 'staf@hk05.test');
    await page.goto(`${network.url}/dashboard/hk05/jual`);
    await readyOffline(page);
    const key = await sellable(page);
    await network.set(ctx, false);
    await recordSale(page, key, 'Dicabut 1');
    const staff = await db().selectFrom('users').select('id').where('email', '=', 'staf@hk05.test').executeTakeFirstOrThrow();
    expect((await owner.request(`/api/v1/shops/hk05/members/${staff.id}`, { method: 'DELETE' })).status).toBe(204);
    // Removal ended the member's sessions: back online, the device can only ask to sign in again.
    await backOnline(ctx, page);
    await page.waitForFunction(() => /Masuk lagi/.test(document.querySelector('[data-offline-status]')?.textContent ?? ''));
    expect(await page.locator('[data-offline-list] li[data-state=waiting]').count()).toBe(1);
    // Signed in again, the shop list sends what waits: the shop refuses it, and the device says why.
    await page.close();
    const again = await signIn(ctx, 'staf@hk05.test');
    const item = again.locator('[data-offline-list] li[data-state=refused]');
    await item.waitFor();
    expect(await item.textContent()).toMatch(/bukan lagi anggota/);
    expect(await ordersNamed('Dicabut ')).toHaveLength(0);
    await ctx.close();
  });
});
