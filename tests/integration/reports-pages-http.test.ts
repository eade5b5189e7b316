import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '#tests/helpers/server.ts';
import { Client } from '#tests/helpers/http.ts';
import { DEMO_PASSWORD } from '#tests/helpers/db.ts';
import { useBooksHttp } from '#tests/helpers/books-http.ts';
import { moveOrder, placeOrder, today } from '#tests/helpers/ledger.ts';
import type { ProfitLoss } from '#server/ledger/get-profit-loss.ts';

/**
 * Issue 10: the reports page over HTTP. Sales for staff and owner; the statements, CALK, trial balance,
 * general ledger, PPh estimate, taxpayer form and file downloads for the owner only.
 */
let server: TestServer;
let owner: Client;
let staff: Client;
let other: Client;
let shopId: string;
let month: { from: string; to: string };
let pl: ProfitLoss;
let salesNet: number;
let receivableId: string;
const EXPENSE = 12_345;

const books = useBooksHttp(async (shop) => {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  shopId = shop.shopId;
  const product = await db()
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('status', '=', 'published')
    .where('unit_cost', 'is not', null)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>=', 10)]))
    .where('id', 'not in', (eb) => eb.selectFrom('product_variants').select('product_id').where('shop_id', '=', shopId))
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // An odd unit cost, so no cost or profit figure can equal a sales figure or a chart tick by chance.
  await db().updateTable('products').set({ unit_cost: 13_457 }).where('shop_id', '=', shopId).where('id', '=', product.id).execute();
  for (const qty of [2, 3]) {
    const o = await placeOrder(shopId, product.id, qty);
    for (const to of ['confirmed', 'paid', 'fulfilled'] as const) await moveOrder(shopId, o.orderId, to);
  }
  const ownerRow = { id: shop.ownerId };
  const { recordExpense, expenseInput } = await import('#server/ledger/record-expense.ts');
  await recordExpense({
    shopId,
    role: 'owner',
    userId: ownerRow.id,
    input: expenseInput.parse({
      account: '5204',
      amount: EXPENSE,
      paidWith: 'cash',
      memo: 'plastik',
      idempotencyKey: 'reports-page-expense-1',
    }),
  });
  const { recordQuickSale, quickSaleInput } = await import('#server/orders/record-quick-sale.ts');
  const sale = await recordQuickSale({
    shopId,
    role: 'owner',
    userId: ownerRow.id,
    input: quickSaleInput.parse({
      channel: 'reseller',
      items: [{ productId: product.id, quantity: 1, unitPrice: 40_000 }],
      payment: 'credit',
      dueDate: '2030-01-31',
      customerName: 'Bu Hasnah <b>',
      customerPhone: '081234567890',
      idempotencyKey: 'reports-page-credit-sale-1',
    }),
  });
  const { recordCreditPurchase, creditPurchaseInput } = await import('#server/ledger/record-credit-purchase.ts');
  await recordCreditPurchase({
    shopId,
    role: 'owner',
    userId: ownerRow.id,
    input: creditPurchaseInput.parse({
      account: '1303',
      amount: 77_000,
      supplierName: 'Toko Plastik Sungguminasa',
      dueDate: '2030-02-15',
      idempotencyKey: 'reports-page-credit-buy-1',
    }),
  });
  const debt = await db()
    .selectFrom('ledger_debts')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('kind', '=', 'receivable')
    .executeTakeFirstOrThrow();
  receivableId = debt.id;
  expect(sale).toBeTruthy();
  const day = await today(shopId);
  const { lastDayOfMonth } = await import('#server/ledger/report-period.ts');
  month = { from: `${day.slice(0, 7)}-01`, to: lastDayOfMonth(day.slice(0, 7)) };
  const { getProfitLoss } = await import('#server/ledger/get-profit-loss.ts');
  pl = await getProfitLoss({ shopId, role: 'owner', ...month });
  const { getSalesReport } = await import('#server/ledger/get-sales-report.ts');
  salesNet = (await getSalesReport({ shopId, role: 'staff', ...month, groupBy: 'day' })).total.net;
});
beforeAll(() => void ({ server, owner, staff, other } = books));

const rp = (n: number) =>
  new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(n).replace(/\u00a0/g, ' ');
const unduh = (q: Record<string, string>) => `/dashboard/hk05/laporan/unduh?${new URLSearchParams(q)}`;

async function pdfText(buf: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-pdf-'));
  const file = path.join(dir, 'r.pdf');
  fs.writeFileSync(file, buf);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe(`reports pages (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the owner sees sales and the Laba Rugi figures the use case computes, this month by default', async () => {
    expect(pl.cogs).toBeGreaterThan(0);
    expect(pl.totalExpenses).toBe(EXPENSE);
    const res = await owner.get('/dashboard/hk05/laporan');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`value="${month.from.slice(0, 7)}"`);
    expect(html).toContain('Laporan Laba Rugi');
    const net = /<tr[^>]*id="net-income"[^>]*>/.exec(html)?.[0] ?? '';
    expect(net).toContain(`data-amount="${pl.netIncome}"`);
    expect(html).toContain(rp(pl.netIncome));
    expect(html).toContain(rp(pl.cogs));
    expect(html).toContain(rp(pl.totalRevenue));
    for (const label of [
      'Laporan Posisi Keuangan',
      'Catatan atas Laporan Keuangan',
      'Neraca Saldo',
      'Buku Besar',
      'Perkiraan PPh Final UMKM',
    ])
      expect(html).toContain(label);
    expect(html).toContain('<svg');
    expect(html).toContain('<caption>Penjualan bersih per saluran</caption>');
    expect(html).toContain('/dashboard/hk05/laporan/unduh?report=profit-loss&amp;format=xlsx');
  });

  it('staff see sales only: no cost, profit, balance or their labels anywhere on the page', async () => {
    const res = await staff.get('/dashboard/hk05/laporan');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Penjualan per produk');
    expect(salesNet).toBeGreaterThan(0);
    expect(html).toContain(`data-total-net="${salesNet}"`);
    expect(html).toContain(rp(salesNet));
    for (const word of [
      'Laba',
      'HPP',
      'Harga Pokok',
      'Harga pokok',
      'Beban',
      'Posisi Keuangan',
      'Neraca',
      'Buku Besar',
      'PPh',
      'unduh',
      'Saldo',
    ])
      expect(html, word).not.toContain(word);
    for (const amount of [pl.cogs, pl.grossProfit, pl.netIncome, EXPENSE]) expect(html, String(amount)).not.toContain(rp(amount));
  });

  it('another shop is 404; a bad period is 400 with its message', async () => {
    expect((await other.get('/dashboard/hk05/laporan')).status).toBe(404);
    expect((await other.get(unduh({ report: 'profit-loss', format: 'csv', ...month }))).status).toBe(404);
    const bad = await owner.get('/dashboard/hk05/laporan?from=2026-05-10&to=2026-05-01');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Tanggal awal harus sebelum tanggal akhir.');
    const badMonth = await owner.get('/dashboard/hk05/laporan?month=2026-13');
    expect(badMonth.status).toBe(400);
    expect(await badMonth.text()).toContain('Bulan tidak valid');
    const en = new Client(server.url, { lang: 'en' });
    await en.signIn('staf@hk05.test', DEMO_PASSWORD);
    const badEn = await en.get('/dashboard/hk05/laporan?from=nope&to=2026-05-01');
    expect(badEn.status).toBe(400);
    const enHtml = await badEn.text();
    expect(enHtml).toContain('Invalid date (YYYY-MM-DD).');
    expect(enHtml).not.toContain('Tanggal');
  });

  it('downloads parse as CSV, XLSX and PDF for the owner; staff are refused; a bad format is 400', async () => {
    const csv = await owner.get(unduh({ report: 'profit-loss', format: 'csv', ...month }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`laba-rugi-${month.from}-${month.to}.csv`);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r['Akun'] === 'Laba (rugi) bersih')?.['Jumlah (Rp)']).toBe(String(pl.netIncome));

    const xlsx = await owner.get(unduh({ report: 'trial-balance', format: 'xlsx', ...month }));
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('5204');

    const pdf = await owner.get(unduh({ report: 'balance-sheet', format: 'pdf', ...month }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Laporan Posisi Keuangan');

    const gl = await owner.get(unduh({ report: 'general-ledger', format: 'csv', account: '1101', ...month }));
    expect(gl.status).toBe(200);
    expect(await gl.text()).toContain('plastik');

    expect((await staff.get(unduh({ report: 'profit-loss', format: 'csv', ...month }))).status).toBe(403);
    expect((await owner.get(unduh({ report: 'profit-loss', format: 'doc', ...month }))).status).toBe(400);
    expect((await owner.get(unduh({ report: 'nope', format: 'csv', ...month }))).status).toBe(400);
  });

  it('the taxpayer form writes once; bad input and staff write nothing', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const kind = async () =>
      (await db().selectFrom('ledger_shops').select('taxpayer_kind').where('shop_id', '=', shopId).executeTakeFirstOrThrow()).taxpayer_kind;
    const before = await kind();
    const bad = await owner.form('/dashboard/hk05/laporan', { kind: 'company' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Pilih wajib pajak: orang pribadi atau badan.');
    expect(await kind()).toBe(before);
    expect((await staff.form('/dashboard/hk05/laporan', { kind: 'entity' })).status).toBe(403);
    expect(await kind()).toBe(before);
    const ok = await owner.form('/dashboard/hk05/laporan?month=' + month.from.slice(0, 7), { kind: 'individual' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toContain('saved=1');
    expect(await kind()).toBe('individual');
    const page = await (await owner.get(ok.headers.get('location')!)).text();
    expect(page).toContain('Jenis wajib pajak disimpan.');
    expect(page).toContain('Rp 500 juta pertama');
  });
});

describe(`debts page (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  async function outstanding(id: string) {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const d = await db()
      .selectFrom('ledger_debts')
      .select(['amount', 'settled', 'reduced'])
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(d.amount) - Number(d.settled) - Number(d.reduced);
  }
  async function entries() {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const r = await db()
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shop_id', '=', shopId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('staff see receivables with a WhatsApp reminder, not the payables; the owner sees both', async () => {
    const html = await (await staff.get('/dashboard/hk05/piutang')).text();
    expect(html).toContain('Piutang pelanggan');
    expect(html).toContain('Bu Hasnah &lt;b&gt;');
    expect(html).toContain('2030-01-31');
    expect(html).not.toContain('Toko Plastik Sungguminasa');
    expect(html).not.toContain('Utang ke pemasok');
    const remind = await staff.get(`/dashboard/hk05/piutang?ingatkan=${receivableId}`);
    expect(remind.status).toBe(200);
    const link = /href="(https:\/\/wa\.me\/[^"]+)"/.exec(await remind.text())?.[1] ?? '';
    expect(link).toMatch(/^https:\/\/wa\.me\/6281234567890\?text=/);
    expect(decodeURIComponent(link.split('text=')[1]!.replace(/&amp;/g, '&'))).toContain('Rp 40.000');
    const ownerHtml = await (await owner.get('/dashboard/hk05/piutang')).text();
    expect(ownerHtml).toContain('Toko Plastik Sungguminasa');
    expect((await other.get('/dashboard/hk05/piutang')).status).toBe(404);
    expect((await staff.get('/dashboard/hk05/piutang?ingatkan=nope')).status).toBe(404);
  });

  it('a partial settlement writes once; a resubmitted form and bad input write nothing', async () => {
    const before = await entries();
    const form = { debtId: receivableId, amount: '15.000', paidWith: 'cash', date: '', idempotencyKey: 'page-test-settle-1' };
    const first = await staff.form('/dashboard/hk05/piutang', form);
    expect(first.status).toBe(303);
    expect(await outstanding(receivableId)).toBe(25_000);
    expect((await staff.form('/dashboard/hk05/piutang', form)).status).toBe(303);
    expect(await outstanding(receivableId)).toBe(25_000);
    expect(await entries()).toBe(before + 1);
    const tooMuch = await staff.form('/dashboard/hk05/piutang', { ...form, amount: '30000', idempotencyKey: 'page-test-settle-2' });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain('Pembayaran melebihi sisa tagihan (Rp 25.000).');
    const notNumber = await staff.form('/dashboard/hk05/piutang', { ...form, amount: 'lima ribu', idempotencyKey: 'page-test-settle-3' });
    expect(notNumber.status).toBe(400);
    expect(await notNumber.text()).toContain('Nilai harus rupiah bulat, tidak negatif.');
    expect(await outstanding(receivableId)).toBe(25_000);
    expect(await entries()).toBe(before + 1);
  });
});

describe(`cash book page (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  async function entries() {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const r = await db()
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shop_id', '=', shopId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('an expense writes once; a resubmitted form, bad input and staff write nothing', async () => {
    expect((await owner.get('/dashboard/hk05/kas')).status).toBe(200);
    expect((await staff.get('/dashboard/hk05/kas')).status).toBe(403);
    const before = await entries();
    const form = {
      action: 'expense',
      account: '5302',
      amount: '250.000',
      paidWith: 'cash',
      date: '',
      memo: 'sewa lapak',
      idempotencyKey: 'kas-test-1',
    };
    expect((await owner.form('/dashboard/hk05/kas', form)).status).toBe(303);
    expect((await owner.form('/dashboard/hk05/kas', form)).status).toBe(303);
    expect(await entries()).toBe(before + 1);
    const bad = await owner.form('/dashboard/hk05/kas', { ...form, amount: '-5', idempotencyKey: 'kas-test-2' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Nilai harus rupiah bulat, tidak negatif.');
    const badAction = await owner.form('/dashboard/hk05/kas', { ...form, action: 'steal', idempotencyKey: 'kas-test-3' });
    expect(badAction.status).toBe(400);
    expect((await staff.form('/dashboard/hk05/kas', { ...form, idempotencyKey: 'kas-test-4' })).status).toBe(403);
    expect(
      (await owner.form('/dashboard/hk05/kas', { ...form, action: 'capital', amount: '1000000', idempotencyKey: 'kas-test-5' })).status,
    ).toBe(303);
    expect(await entries()).toBe(before + 2);
  });

  it('a credit purchase with a receipt photo, listed with its receipt for the owner only; reversing it cancels the payable', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { testPhoto } = await import('#tests/helpers/shop-data.ts');
    const body = new FormData();
    const fields = {
      action: 'credit',
      account: '1302',
      amount: '120.000',
      supplierName: 'Pemasok Tepung',
      dueDate: '',
      date: '',
      memo: 'tepung 10 kg',
      idempotencyKey: 'kas-test-credit-1',
    };
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    body.set('receipt', new Blob([new Uint8Array(await testPhoto())], { type: 'image/jpeg' }), 'nota.jpg');
    expect((await owner.request('/dashboard/hk05/kas', { method: 'POST', body })).status).toBe(303);
    const row = await db()
      .selectFrom('cash_book')
      .select(['id', 'entry_id', 'debt_id', 'receipt_media_id'])
      .where('shop_id', '=', shopId)
      .where('memo', '=', 'tepung 10 kg')
      .executeTakeFirstOrThrow();
    expect(row.receipt_media_id).toEqual(expect.any(String));
    const html = await (await owner.get('/dashboard/hk05/kas')).text();
    const item = html.slice(html.indexOf(`id="cash-${row.id}"`), html.indexOf('</li>', html.indexOf(`id="cash-${row.id}"`)));
    expect(item).toContain('Pemasok Tepung');
    expect(item).toContain('Rp 120.000');
    expect(item).toContain('Bahan Baku');
    const receiptUrl = `/dashboard/hk05/kas/nota/${row.id}/640.jpg`;
    expect(html).toContain(receiptUrl);
    const photo = await owner.get(receiptUrl);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await staff.get(receiptUrl)).status).toBe(403);
    expect((await other.get(receiptUrl)).status).toBe(404);
    // Not an image: refused with its message, nothing recorded.
    const junk = new FormData();
    for (const [k, v] of Object.entries({ ...fields, idempotencyKey: 'kas-test-credit-2' })) junk.set(k, v);
    junk.set('receipt', new Blob(['not a photo'], { type: 'image/jpeg' }), 'nota.jpg');
    const refused = await owner.request('/dashboard/hk05/kas', { method: 'POST', body: junk });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('bukan gambar');
    const open = async () =>
      Number(
        (
          await db()
            .selectFrom('ledger_debts')
            .select(['amount', 'settled', 'reduced'])
            .where('id', '=', row.debt_id!)
            .executeTakeFirstOrThrow()
        ).reduced,
      );
    expect(await open()).toBe(0);
    expect((await staff.form('/dashboard/hk05/kas', { action: 'reverse', entryId: row.entry_id })).status).toBe(403);
    expect((await owner.form('/dashboard/hk05/kas', { action: 'reverse', entryId: row.entry_id })).status).toBe(303);
    expect(await open()).toBe(120_000);
    expect(await (await owner.get('/dashboard/hk05/kas')).text()).toContain('Sudah dibatalkan');
    const again = await owner.form('/dashboard/hk05/kas', { action: 'reverse', entryId: row.entry_id });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Jurnal ini sudah dikoreksi.');
  });

  it('equipment bought on credit with its life in months: the asset, its payable and the list in English', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const form = {
      action: 'equipment',
      name: 'Mixer',
      cost: '2.400.000',
      lifeMonths: '24',
      salvage: '',
      paidWith: 'credit',
      supplierName: 'Toko Mesin',
      dueDate: '',
      date: '',
      memo: '',
      idempotencyKey: 'kas-test-equip-1',
    };
    expect((await owner.form('/dashboard/hk05/kas', form)).status).toBe(303);
    const asset = await db()
      .selectFrom('fixed_assets')
      .select(['cost', 'life_months', 'salvage'])
      .where('shop_id', '=', shopId)
      .where('name', '=', 'Mixer')
      .executeTakeFirstOrThrow();
    expect([Number(asset.cost), asset.life_months, Number(asset.salvage)]).toEqual([2_400_000, 24, 0]);
    const badLife = await owner.form('/dashboard/hk05/kas', { ...form, lifeMonths: '0', idempotencyKey: 'kas-test-equip-2' });
    expect(badLife.status).toBe(400);
    expect(await badLife.text()).toContain('Umur pakai 1 sampai 600 bulan.');
    const en = await books.ownerIn('en');
    const html = await (await en.get('/dashboard/hk05/kas')).text();
    expect(html).toContain('Equipment bought');
    expect(html).toContain('Toko Mesin');
    expect(html).toContain('Rp 2.400.000');
  });
});
