import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { Client, multipart } from '../helpers/http.ts';
import { visible, XSS_PAYLOADS } from '../helpers/xss.ts';

/**
 * Issue 14, security suite: the injection payloads in real Chromium. Every payload goes into the long text
 * fields (and as many as fit into the short ones) through the API; then the pages that show them are opened
 * with a dialog listener. No alert may open, `window.__xss` must stay unset, and (tests/helpers/browser.ts)
 * no Content-Security-Policy violation may be reported: a blocked injected script would be one.
 */
const app = useServerAndBrowser();

/** As many payloads as fit in `max` characters, joined by spaces (the first always, cut to fit). */
function fit(max: number, from = 0): string {
  const list = [...XSS_PAYLOADS.slice(from), ...XSS_PAYLOADS.slice(0, from)];
  let out = list[0]!.slice(0, max);
  for (const p of list.slice(1)) if (out.length + 1 + p.length <= max) out += ` ${p}`;
  return out;
}

describe('stored payloads in Chromium', () => {
  it('no page that shows them runs a script, opens a dialog or trips the policy', async () => {
    const { server, browser } = app;
    const owner = new Client(server.url);
    const anon = new Client(server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    const patch = await owner.request('/api/v1/shops/hk05', {
      method: 'PATCH',
      json: {
        name: fit(80, 7),
        description: fit(2000),
        address: fit(300, 1),
        profile: {
          hoursNote: fit(300, 2),
          delivery: {
            pickup: { enabled: true, note: fit(200, 5) },
            local: { enabled: true, fee: 5000, area: fit(200, 8) },
            courier: { enabled: true, note: fit(200, 10) },
          },
        },
      },
    });
    expect(patch.status, await patch.clone().text()).toBe(200);
    const created = await owner.post('/api/v1/shops/hk05/products', {
      name: fit(120, 1),
      description: fit(5000),
      category: fit(60, 5),
      price: 12000,
      status: 'published',
      stock: 50,
      variants: [
        { name: fit(60, 2), price: 12000 },
        { name: fit(60, 13), price: 13000 },
      ],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const product = ((await created.json()) as { product: { id: string; slug: string; variants: { id: string }[] } }).product;
    const jpg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#446688' } })
      .jpeg()
      .toBuffer();
    expect(
      (
        await owner.request(`/api/v1/shops/hk05/products/${product.id}/photos`, {
          method: 'POST',
          body: multipart({ alt: fit(200, 4) }, [{ data: jpg }]),
        })
      ).status,
    ).toBe(201);
    const order = await anon.post('/api/v1/shops/hk05/orders', {
      items: [{ productId: product.id, variantId: product.variants[0]!.id, quantity: 1 }],
      customerName: fit(80, 3),
      customerPhone: '0812 0000 5555',
      delivery: 'pickup',
      address: fit(300, 6),
      notes: fit(500, 9),
      payment: 'whatsapp',
    });
    expect(order.status, await order.clone().text()).toBe(201);
    const { code, statusUrl } = (await order.json()) as { code: string; statusUrl: string };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());
    const expense = await owner.post('/api/v1/shops/hk05/cash-book/expenses', {
      account: '5302',
      amount: 1000,
      paidWith: 'cash',
      date: today,
      memo: fit(200, 11),
      partyName: fit(80, 15),
      idempotencyKey: 'xss-browser-1',
    });
    expect(expense.status, await expense.clone().text()).toBe(201);

    // The books, brand studio and program fields the page census shows (tests/integration/security-xss.test.ts).
    const must = async (r: Promise<Response>, what: string) => {
      const res = await r;
      expect(res.status, `${what}: ${await res.clone().text()}`).toBeLessThan(300);
      return res;
    };
    await must(
      owner.post(`/api/v1/shops/hk05/orders/${code}/transitions`, { to: 'cancelled', reason: 'other', note: fit(200, 12) }),
      'cancel',
    );
    await must(
      owner.request('/api/v1/shops/hk05/opening-balances', {
        method: 'PUT',
        json: {
          cash: 100_000,
          receivables: [{ name: fit(80, 14), phone: '081200005555', amount: 20_000, dueDate: today }],
          payables: [{ name: fit(80, 16), amount: 10_000 }],
          idempotencyKey: 'xss-browser-opening',
        },
      }),
      'opening balances',
    );
    await must(
      owner.post('/api/v1/shops/hk05/accounts', { code: '5890', type: 'expense', nameId: fit(80, 17), nameEn: fit(80, 18) }),
      'account',
    );
    await must(
      owner.post('/api/v1/shops/hk05/cash-book/expenses', {
        account: '5890',
        amount: 900,
        paidWith: 'cash',
        date: today,
        idempotencyKey: 'xss-browser-own-account',
      }),
      'expense on the new account',
    );
    await must(
      owner.post('/api/v1/shops/hk05/cash-book/equipment', {
        name: fit(80, 19),
        cost: 240_000,
        lifeMonths: 24,
        paidWith: 'cash',
        date: today,
        idempotencyKey: 'xss-browser-equipment',
      }),
      'equipment',
    );
    await must(
      owner.post('/api/v1/shops/hk05/marketplace-payouts', {
        marketplace: 'shopee',
        amount: 3000,
        memo: fit(200, 20),
        idempotencyKey: 'xss-browser-payout',
      }),
      'payout',
    );
    await must(
      owner.request('/api/v1/shops/hk05/import-mappings', {
        method: 'PUT',
        json: { name: fit(60, 21), columns: { orderId: 'No', name: fit(120, 3), quantity: fit(120, 7), unitPrice: fit(120, 12) } },
      }),
      'import mapping',
    );
    const design = (await (
      await must(
        owner.post('/api/v1/shops/hk05/designs', { kind: 'label', name: fit(80, 4), templateId: 'telur-asin', productId: product.id }),
        'design',
      )
    ).json()) as { id: string };
    const { doc } = (await (await owner.get(`/api/v1/shops/hk05/designs/${design.id}`)).json()) as { doc: unknown };
    await must(
      owner.request(`/api/v1/shops/hk05/designs/${design.id}`, { method: 'PUT', json: { doc, name: fit(80, 6), note: fit(120, 9) } }),
      'save',
    );
    await must(
      owner.request(`/api/v1/shops/hk05/label-facts/${product.id}`, {
        method: 'PUT',
        json: {
          netWeight: fit(80, 1),
          composition: fit(600, 2),
          producerName: fit(120, 3),
          producerAddress: fit(240, 5),
          productionCode: fit(40, 8),
        },
      }),
      'label facts',
    );
    await must(owner.request('/api/v1/shops/hk05/brand-kit', { method: 'PUT', json: { tagline: fit(120, 11) } }), 'brand kit');
    await must(owner.request('/api/v1/shops/hk05/brand-kit/publish', { method: 'POST' }), 'publish');
    const officer = new Client(server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const shop = ((await (await owner.get('/api/v1/shops/hk05')).json()) as { shop: { id: string; village_id: string } }).shop;
    const programId = ((await (await officer.get('/api/v1/program/trainings')).json()) as { trainings: { programId: string }[] })
      .trainings[0]!.programId;
    await must(
      officer.post(`/api/v1/program/${programId}/areas/local`, { name: fit(80, 13), parentVillageId: shop.village_id }),
      'local area',
    );
    await must(officer.post(`/api/v1/program/${programId}/shops/${shop.id}/licences`, { kind: 'merek', number: fit(60, 15) }), 'licence');
    await must(
      officer.request(`/api/v1/program/${programId}/shops/${shop.id}/baselines`, {
        method: 'PUT',
        json: { month: today.slice(0, 7), salesRupiah: 500_000, method: fit(300, 17) },
      }),
      'baseline',
    );
    const newcomer = new Client(server.url);
    await must(
      newcomer.post('/api/v1/users', { name: fit(100, 19), email: 'xss-browser@daftar.test', password: 'rahasia-panjang-123' }),
      'sign up',
    );
    const host = new URL(server.url).hostname;
    const dialogs: string[] = [];
    const ranScript: string[] = [];
    const visit = async (
      cookies: Map<string, string> | null,
      paths: string[],
      before?: (p: import('playwright-core').Page) => Promise<void>,
    ) => {
      const ctx = await browser.newContext();
      if (cookies) await ctx.addCookies([...cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })));
      const page = await ctx.newPage();
      page.on('dialog', (d) => {
        dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`);
        void d.dismiss();
      });
      if (before) await before(page);
      for (const p of paths) {
        const res = await page.goto(server.url + p, { waitUntil: 'load' });
        expect(res?.status(), p).toBe(200);
        // Hover and focus everything once: an injected onmouseover/onfocus handler would fire now.
        await page.evaluate(() => {
          for (const el of document.querySelectorAll('body *')) {
            el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
            el.dispatchEvent(new FocusEvent('focus'));
          }
        });
        if (await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss !== undefined)) ranScript.push(p);
        // The payload text is on the page as text (the check is not vacuous).
        const bodyText = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));
        if (p.startsWith('/hk05/p/')) expect(bodyText).toContain(visible(XSS_PAYLOADS[0]!));
      }
      await ctx.close();
    };

    await visit(
      null,
      ['/hk05', `/hk05/p/${product.slug}`, '/hk05/keranjang', '/hk05/checkout', new URL(statusUrl, server.url).pathname],
      async (page) => {
        // The cart and checkout show the product and variant names only with it in the cart.
        await page.goto(`${server.url}/hk05/p/${product.slug}`);
        await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.buy button[type=submit]')]);
      },
    );
    await visit(owner.cookies, [
      '/dashboard/hk05',
      '/dashboard/hk05/produk',
      `/dashboard/hk05/produk/${product.id}`,
      '/dashboard/hk05/pesanan',
      `/dashboard/hk05/pesanan/${code}`,
      '/dashboard/hk05/kas',
      '/dashboard/hk05/jurnal',
      '/dashboard/hk05/pengaturan',
      '/dashboard/hk05/brand',
      `/dashboard/hk05/brand?design=${design.id}`,
      '/dashboard/hk05/piutang',
      '/dashboard/hk05/saldo-awal',
      '/dashboard/hk05/akun',
      '/dashboard/hk05/impor',
      '/dashboard/hk05/laporan',
    ]);
    await visit(officer.cookies, ['/program/toko', `/program/toko/${shop.id}`, '/program']);
    await visit(newcomer.cookies, ['/akun']);
    expect(dialogs).toEqual([]);
    expect(ranScript).toEqual([]);
  });
});
