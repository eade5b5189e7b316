import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { shopIdOf } from '../helpers/orders.ts';
import { text } from '../helpers/html.ts';
import { closeDb } from '#server/db/index.ts';
import { ownerDb as db } from '#tests/helpers/db.ts';
import { resetConfig } from '#server/config.ts';
import { checkShopLedger } from '#server/ledger/check-ledger.ts';
import { inShop } from '#server/tenant/index.ts';

/** Issue 11 item 9: the merchant's order page (cancel with a reason, fee and discount, quantities, receipt, WhatsApp drafts). */
const run = promisify(execFile);
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let server: TestServer;
let owner: Client;
let otherOwner: Client;
let hk05: string;
let phoneNo = 0;
beforeAll(async () => {
  server = await startServer();
  Object.assign(process.env, server.db.env);
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  resetConfig();
  owner = new Client(server.url);
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  otherOwner = new Client(server.url);
  await otherOwner.signIn('pemilik@roti-balang.test', DEMO_PASSWORD);
  hk05 = await shopIdOf('hk05');
}, 900_000);
afterAll(async () => {
  await closeDb();
  await server?.stop();
});

async function placeOrder(body: Record<string, unknown>): Promise<string> {
  phoneNo++;
  const r = await new Client(server.url).request('/api/v1/shops/hk05/orders', {
    method: 'POST',
    headers: { 'x-forwarded-for': `198.51.100.${phoneNo}` },
    json: {
      customerName: 'Daeng Desk',
      customerPhone: `0852-4111-${String(1000 + phoneNo)}`,
      delivery: 'pickup',
      payment: 'whatsapp',
      idempotencyKey: `desk-${dbName}-${phoneNo}-${Date.now()}`,
      ...body,
    },
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { code: string }).code;
}

const orderRow = (code: string) =>
  db().selectFrom('orders').selectAll().where('shop_id', '=', hk05).where('code', '=', code).executeTakeFirstOrThrow();
const stockOf = async (slug: string) =>
  (await db().selectFrom('products').select('stock').where('shop_id', '=', hk05).where('slug', '=', slug).executeTakeFirstOrThrow()).stock!;
const pageOf = (code: string) => `/dashboard/hk05/pesanan/${code}`;
const move = (code: string, to: string) => owner.post(`/api/v1/shops/hk05/orders/${code}/transitions`, { to });

describe(`cancelling from the order page (${dbName})`, () => {
  it('needs a reason and the confirm box; the reason is kept on the timeline and the stock comes back', async () => {
    const before = await stockOf('telur-asin-rebus-isi-6');
    const code = await placeOrder({ items: [{ product: 'telur-asin-rebus-isi-6', quantity: 2 }] });
    expect(await stockOf('telur-asin-rebus-isi-6')).toBe(before - 2);
    const html = await (await owner.get(pageOf(code))).text();
    // The cancel form sits in its own section, apart from the payment buttons, and asks for a reason.
    const actions = html.slice(html.indexOf('data-transition="confirmed"') - 400, html.indexOf('id="batal"'));
    expect(actions).not.toContain('value="cancelled"');
    expect(html).toMatch(/<details[^>]*>\s*<summary[^>]*>Batalkan pesanan ini/);
    expect(html).toMatch(/<select name="reason" required/);

    const bare = await owner.form(pageOf(code), { action: 'transition', to: 'cancelled' });
    expect(bare.status).toBe(400);
    const noReason = await owner.form(pageOf(code), { action: 'cancel', reason: '', note: '', confirm: 'yes' });
    expect(noReason.status).toBe(400);
    expect(text(await noReason.text())).toContain('Pilih alasan pembatalan.');
    const unconfirmed = await owner.form(pageOf(code), { action: 'cancel', reason: 'out_of_stock', note: '' });
    expect(unconfirmed.status).toBe(400);
    const unconfirmedHtml = await unconfirmed.text();
    expect(text(unconfirmedHtml)).toContain('Centang konfirmasi untuk membatalkan.');
    expect(unconfirmedHtml).toMatch(/<option value="out_of_stock" selected/);
    const otherWithoutWords = await owner.form(pageOf(code), { action: 'cancel', reason: 'other', note: ' ', confirm: 'yes' });
    expect(otherWithoutWords.status).toBe(400);
    expect((await orderRow(code)).status).toBe('pending');

    const done = await owner.form(pageOf(code), { action: 'cancel', reason: 'other', note: 'Pembeli pindah kota', confirm: 'yes' });
    expect(done.status).toBe(303);
    expect((await orderRow(code)).status).toBe('cancelled');
    expect(await stockOf('telur-asin-rebus-isi-6')).toBe(before);
    const after = text(await (await owner.get(pageOf(code))).text());
    expect(after).toContain('Alasan: Lainnya: Pembeli pindah kota');
    // The "Chat pembeli" draft tells the customer, with the reason.
    const chat = /href="(https:\/\/wa\.me\/[^"]+)"[^>]*data-testid="chat-customer"/.exec(await (await owner.get(pageOf(code))).text());
    expect(decodeURIComponent(chat![1]!.replace(/&amp;/g, '&'))).toContain('Pembeli pindah kota');
  });

  it('the API cancels with a reason too, and another shop cannot see or cancel the order', async () => {
    const code = await placeOrder({ items: [{ product: 'telur-asin-bakar-satuan', quantity: 1 }] });
    expect((await otherOwner.get(pageOf(code))).status).toBe(404);
    expect((await otherOwner.post(`/api/v1/shops/hk05/orders/${code}/transitions`, { to: 'cancelled', reason: 'duplicate' })).status).toBe(
      404,
    );
    expect((await otherOwner.get(`/api/v1/shops/hk05/orders/${code}/receipt`)).status).toBe(404);
    expect((await otherOwner.post(`/api/v1/shops/hk05/orders/${code}/adjustments`, { discount: 1 })).status).toBe(404);
    const r = await owner.post(`/api/v1/shops/hk05/orders/${code}/transitions`, { to: 'cancelled', reason: 'duplicate' });
    expect(r.status).toBe(200);
    const ev = await db()
      .selectFrom('order_events')
      .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'order_events.shop_id').onRef('orders.id', '=', 'order_events.order_id'))
      .select('order_events.details')
      .where('orders.shop_id', '=', hk05)
      .where('orders.code', '=', code)
      .where('order_events.type', '=', 'cancelled')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.details)).toEqual({ reason: 'duplicate' });
  });
});

describe(`delivery fee, discount and quantities before confirming (${dbName})`, () => {
  it('a fee and a discount change the total and post a balanced ledger at delivery', async () => {
    const code = await placeOrder({
      items: [{ product: 'telur-asin-bakar-isi-10', quantity: 2 }],
      delivery: 'courier',
      destination: '7371',
      address: 'Jl. Uji 1',
    });
    const html = await (await owner.get(pageOf(code))).text();
    expect(text(html)).toContain('Kota Makassar');
    expect(html).toMatch(/data-testid="delivery"[^>]*>Dikirim lewat kurir\/ekspedisi</);
    expect(html).toMatch(/data-testid="destination"[^>]*>\s*Kota Makassar/);
    const bad = await owner.form(pageOf(code), { action: 'adjust', deliveryFee: '15000', discount: '900000', 'qty.1': '2' });
    expect(bad.status).toBe(400);
    expect(Number((await orderRow(code)).total)).toBe(70_000);
    const r = await owner.form(pageOf(code), { action: 'adjust', deliveryFee: '15.000', discount: '5000', 'qty.1': '2' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${pageOf(code)}?ok=adjusted`);
    expect(await orderRow(code)).toMatchObject({ subtotal: 70_000, delivery_fee: 15_000, discount: 5000, total: 80_000 });
    const shown = text(await (await owner.get(pageOf(code))).text());
    expect(shown).toMatch(/Potongan −Rp\s5\.000/);
    expect(shown).toMatch(/Total Rp\s80\.000/);

    expect((await move(code, 'confirmed')).status).toBe(200);
    // Once confirmed, nothing can be changed any more.
    expect((await owner.post(`/api/v1/shops/hk05/orders/${code}/adjustments`, { discount: 1 })).status).toBe(409);
    expect((await move(code, 'paid')).status).toBe(200);
    expect((await move(code, 'fulfilled')).status).toBe(200);
    const o = await orderRow(code);
    const postings = await db()
      .selectFrom('journal_postings')
      .innerJoin('journal_entries', (j) =>
        j.onRef('journal_entries.shop_id', '=', 'journal_postings.shop_id').onRef('journal_entries.id', '=', 'journal_postings.entry_id'),
      )
      .select(['journal_postings.account_code', 'journal_postings.amount'])
      .where('journal_postings.shop_id', '=', hk05)
      .where('journal_entries.idem_key', '=', `order:${o.id}:fulfilled`)
      .execute();
    const by = (acc: string) => postings.filter((p) => p.account_code === acc).reduce((s, p) => s + Number(p.amount), 0);
    expect(by('4101')).toBe(-70_000);
    expect(by('4201')).toBe(-15_000);
    expect(by('4103')).toBe(5000);
    expect(by('2102')).toBe(80_000);
    expect(postings.reduce((s, p) => s + Number(p.amount), 0)).toBe(0);
    expect(await inShop(hk05, (scope) => checkShopLedger(scope))).toEqual([]);
  });

  it('a quantity edit moves the stock hold with it, refuses more than the shelf, and can drop a line', async () => {
    const a = 'telur-asin-bakar-satuan';
    const b = 'telur-asin-rebus-isi-6';
    const [a0, b0] = [await stockOf(a), await stockOf(b)];
    const code = await placeOrder({
      items: [
        { product: a, quantity: 3 },
        { product: b, quantity: 1 },
      ],
    });
    expect([await stockOf(a), await stockOf(b)]).toEqual([a0 - 3, b0 - 1]);
    const lines = await db()
      .selectFrom('order_lines')
      .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'order_lines.shop_id').onRef('orders.id', '=', 'order_lines.order_id'))
      .select(['order_lines.line_no', 'order_lines.name'])
      .where('orders.shop_id', '=', hk05)
      .where('orders.code', '=', code)
      .orderBy('order_lines.line_no')
      .execute();
    const [la, lb] = [lines.find((l) => l.name.includes('satuan'))!.line_no, lines.find((l) => l.name.includes('Rebus'))!.line_no];

    const more = await owner.form(pageOf(code), { action: 'adjust', [`qty.${la}`]: '5', [`qty.${lb}`]: '1' });
    expect(more.status).toBe(303);
    expect([await stockOf(a), await stockOf(b)]).toEqual([a0 - 5, b0 - 1]);
    expect(Number((await orderRow(code)).total)).toBe(5 * 4000 + 19_000);

    const tooMany = await owner.post(`/api/v1/shops/hk05/orders/${code}/adjustments`, { quantities: { [String(lb)]: b0 + 50 } });
    expect(tooMany.status).toBe(409);
    expect([await stockOf(a), await stockOf(b)]).toEqual([a0 - 5, b0 - 1]);

    const dropped = await owner.post(`/api/v1/shops/hk05/orders/${code}/adjustments`, { quantities: { [String(lb)]: 0 } });
    expect(dropped.status).toBe(200);
    expect(await dropped.json()).toEqual({ code, subtotal: 20_000, deliveryFee: 0, discount: 0, total: 20_000 });
    expect([await stockOf(a), await stockOf(b)]).toEqual([a0 - 5, b0]);
    const none = await owner.post(`/api/v1/shops/hk05/orders/${code}/adjustments`, { quantities: { [String(la)]: 0 } });
    expect(none.status).toBe(400);

    expect((await move(code, 'cancelled')).status).toBe(200);
    expect([await stockOf(a), await stockOf(b)]).toEqual([a0, b0]);
    expect(await inShop(hk05, (scope) => checkShopLedger(scope))).toEqual([]);
  });
});

describe(`receipt and WhatsApp drafts (${dbName})`, () => {
  it('the receipt PDF opens and carries the code and the total', async () => {
    const code = await placeOrder({ items: [{ product: 'telur-asin-bakar-isi-10', quantity: 1 }] });
    expect((await owner.form(pageOf(code), { action: 'adjust', discount: '2500' })).status).toBe(303);
    const r = await owner.get(`/api/v1/shops/hk05/orders/${code}/receipt`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nota-'));
    try {
      const file = path.join(dir, 'nota.pdf');
      await writeFile(file, Buffer.from(await r.arrayBuffer()));
      await run('pdftoppm', ['-png', '-r', '72', '-singlefile', file, path.join(dir, 'page')]);
      expect((await readFile(path.join(dir, 'page.png'))).subarray(1, 4).toString()).toBe('PNG');
      const { stdout } = await run('pdftotext', [file, '-']);
      const flat = stdout.replace(/\s+/g, ' ');
      expect(flat).toContain(`Nota ${code}`);
      expect(flat).toMatch(/Rp\s32\.500/);
      expect(flat).toContain('Telur Asin Bakar isi 10');
      // HK05's published logo heads the receipt.
      const images = (await run('pdfimages', ['-list', file])).stdout.split('\n').filter((l) => /^\s*\d+\s+\d+\s+(image|smask)\b/.test(l));
      expect(images.length).toBeGreaterThanOrEqual(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('"Chat pembeli" carries a message for the state in the customer language, with the total and how to pay', async () => {
    const bank = { bank_name: 'BRI', bank_account_number: '0123-01-000111-30-1', bank_account_holder: 'Hj. Ratna', accept_transfer: 1 };
    await db()
      .insertInto('shop_payment_settings')
      .values({ shop_id: hk05, ...bank, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('shop_id').doUpdateSet(bank))
      .execute();
    const en = new Client(server.url, { lang: 'en' });
    const r = await en.request('/api/v1/shops/hk05/orders', {
      method: 'POST',
      headers: { 'x-forwarded-for': '198.51.100.200' },
      json: {
        items: [{ product: 'telur-asin-bakar-satuan', quantity: 2 }],
        customerName: 'Mrs <b>Smith</b> & co',
        customerPhone: '0852-4111-9999',
        delivery: 'pickup',
        payment: 'transfer',
        idempotencyKey: `desk-en-${dbName}-${Date.now()}`,
      },
    });
    expect(r.status).toBe(201);
    const code = ((await r.json()) as { code: string }).code;
    const draft = async () => {
      const html = await (await owner.get(pageOf(code))).text();
      expect(html).not.toContain('<b>Smith</b>');
      const href = /href="(https:\/\/wa\.me\/[^"]+)"[^>]*data-testid="chat-customer"/.exec(html)![1]!.replace(/&amp;/g, '&');
      const u = new URL(href);
      expect(u.pathname).toBe('/6285241119999');
      return u.searchParams.get('text')!;
    };
    expect((await move(code, 'confirmed')).status).toBe(200);
    const confirmed = await draft();
    expect(confirmed).toContain('Hello Mrs <b>Smith</b> & co');
    expect(confirmed).toContain('Your order is confirmed.');
    expect(confirmed).toMatch(/Total to pay: Rp\s8\.000/);
    expect(confirmed).toContain('BRI 0123-01-000111-30-1 (account holder Hj. Ratna)');
    expect((await move(code, 'paid')).status).toBe(200);
    expect(await draft()).toContain('Your order is ready for pickup');
    expect((await move(code, 'fulfilled')).status).toBe(200);
    expect(await draft()).toContain(`Order ${code} has been handed over.`);
  });
});
