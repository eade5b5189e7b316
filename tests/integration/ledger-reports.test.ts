import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { ledgerShop, moveOrder, placeOrder, shopProblems, today } from '../helpers/ledger.ts';
import { newId, nowIso } from '#server/util.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await env.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

/** A card refund after delivery as the Stripe webhook records it: Stripe's refunded total first, then the posting. */
async function refundAfterDelivery(m: Awaited<ReturnType<typeof mods>>, shopId: string, orderId: string, amount: number, key: string) {
  await m.inShop(shopId, async (scope) => {
    await scope.tx
      .updateTable('orders')
      .set((eb) => ({ stripe_refunded_amount: eb('stripe_refunded_amount', '+', amount) }))
      .where('shop_id', '=', shopId)
      .where('id', '=', orderId)
      .execute();
    await m.postOrderRefund(scope, { orderId, amount, key, status: 'fulfilled' });
  });
}

async function mods() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const { postEntry } = await import('#server/ledger/post-entry.ts');
  const { postOrderTransition, postOrderRefund } = await import('#server/ledger/post-order-transition.ts');
  const { reverseEntry } = await import('#server/ledger/reverse-entry.ts');
  const { getProfitLoss } = await import('#server/ledger/get-profit-loss.ts');
  const { getBalanceSheet } = await import('#server/ledger/get-balance-sheet.ts');
  const { getFinancialNotes } = await import('#server/ledger/get-financial-notes.ts');
  const { getSalesReport } = await import('#server/ledger/get-sales-report.ts');
  const { getPphEstimate } = await import('#server/ledger/get-pph-estimate.ts');
  const { setTaxpayerKind } = await import('#server/ledger/set-taxpayer-kind.ts');
  const { renderSalesOverTime, renderSalesByChannel } = await import('#server/ledger/render-sales-chart.ts');
  const { exportProfitLoss } = await import('#server/ledger/export-profit-loss.ts');
  const { exportBalanceSheet } = await import('#server/ledger/export-balance-sheet.ts');
  const { exportTrialBalance } = await import('#server/ledger/export-trial-balance.ts');
  const { exportGeneralLedger } = await import('#server/ledger/export-general-ledger.ts');
  const { fileBuffer } = await import('#server/ledger/report-files.ts');
  return {
    db,
    inShop,
    postEntry,
    postOrderTransition,
    postOrderRefund,
    reverseEntry,
    getProfitLoss,
    getBalanceSheet,
    getFinancialNotes,
    getSalesReport,
    getPphEstimate,
    setTaxpayerKind,
    renderSalesOverTime,
    renderSalesByChannel,
    exportProfitLoss,
    exportBalanceSheet,
    exportTrialBalance,
    exportGeneralLedger,
    fileBuffer,
  };
}

type M = Awaited<ReturnType<typeof mods>>;

function pdfText(buf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-pdf-')), 'r.pdf');
  fs.writeFileSync(file, buf);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Sell `quantity` of a product today on `channel`: placed, paid, delivered, through the order lifecycle. */
async function sell(m: M, shopId: string, productId: string, quantity: number, channel: 'whatsapp' | 'marketplace' = 'whatsapp') {
  const o = await placeOrder(shopId, productId, quantity);
  if (channel !== 'whatsapp')
    await m.db().updateTable('orders').set({ channel }).where('shop_id', '=', shopId).where('id', '=', o.orderId).execute();
  await moveOrder(shopId, o.orderId, 'confirmed');
  await moveOrder(shopId, o.orderId, 'paid');
  await moveOrder(shopId, o.orderId, 'fulfilled');
  return o.orderId;
}

describe(`ledger reports (${dbName})`, () => {
  it('worked example computed by hand: Laba Rugi, Posisi Keuangan, CALK, and the exports parse back', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('reports-worked');
    const manual = (key: string, lines: [string, number][], memo = '') =>
      m.inShop(shopId, (scope) =>
        m.postEntry(scope, {
          key,
          source: { type: 'manual' },
          memo,
          lines: lines.map(([account, amount]) => ({ account, amount })),
        }),
      );
    // 1. Capital in 1.000.000; rent 100.000; electricity 25.000 (booked wrongly, reversed below).
    await manual(
      'capital',
      [
        ['1101', 1000000],
        ['3101', -1000000],
      ],
      'Setoran modal',
    );
    await manual(
      'rent',
      [
        ['5302', 100000],
        ['1101', -100000],
      ],
      '=HYPERLINK("http://x")',
    );
    const wrong = await manual(
      'power',
      [
        ['5303', 25000],
        ['1101', -25000],
      ],
      'Listrik',
    );
    // 2. Credit sale to a reseller: 3 x 35.000 delivered before payment. The lifecycle has no credit path yet,
    //    so the delivery is posted as the ledger does for it: Piutang / Penjualan 105.000; HPP / Persediaan 66.000.
    //    Placing it puts the product in the books at its recorded cost: Persediaan / Modal 40 x 22.000 = 880.000.
    const credit = await placeOrder(shopId, productId, 3);
    await moveOrder(shopId, credit.orderId, 'confirmed');
    await m.inShop(shopId, async (scope) => {
      await scope.tx
        .updateTable('orders')
        .set({ status: 'fulfilled' })
        .where('shop_id', '=', shopId)
        .where('id', '=', credit.orderId)
        .execute();
      await m.postOrderTransition(scope, { orderId: credit.orderId, from: 'confirmed', to: 'fulfilled' });
    });
    // 3. Paid and delivered: 2 x 35.000 (Kas / Uang Muka, then Uang Muka / Penjualan; HPP 44.000).
    const paid = await sell(m, shopId, productId, 2);
    // 4. One unit refunded after delivery (as the card webhook does), money back: Retur Penjualan / Kas 35.000.
    await refundAfterDelivery(m, shopId, paid, 35000, 'return-1');
    // 5. The electricity entry reversed.
    await m.reverseEntry({ shopId, role: 'owner', userId, entryId: wrong.entryId! });

    const day = await today(shopId);
    const pl = await m.getProfitLoss({ shopId, role: 'owner', from: day, to: day });
    expect(pl.revenue.map((l) => [l.code, l.amount])).toEqual([
      ['4101', 175000],
      ['4102', -35000],
    ]);
    expect(pl.expenses.map((l) => [l.code, l.amount])).toEqual([['5302', 100000]]);
    expect({
      totalRevenue: pl.totalRevenue,
      cogs: pl.cogs,
      grossProfit: pl.grossProfit,
      totalExpenses: pl.totalExpenses,
      netIncome: pl.netIncome,
    }).toEqual({ totalRevenue: 140000, cogs: 110000, grossProfit: 30000, totalExpenses: 100000, netIncome: -70000 });
    // Kas 1.000.000 - 100.000 - 25.000 + 25.000 + 70.000 - 35.000 = 935.000; Persediaan 880.000 - 66.000 - 44.000 = 770.000.
    const bs = await m.getBalanceSheet({ shopId, role: 'owner', asOf: day });
    expect(bs.assets.map((l) => [l.code, l.amount])).toEqual([
      ['1101', 935000],
      ['1201', 105000],
      ['1301', 770000],
    ]);
    expect(bs.liabilities).toEqual([]);
    expect(bs.equity.map((l) => [l.code, l.amount])).toEqual([
      ['3101', 1880000],
      ['earnings', -70000],
    ]);
    expect(bs.totalAssets).toBe(1810000);
    expect(bs.totalLiabilities + bs.totalEquity).toBe(1810000);

    const calk = await m.getFinancialNotes({ shopId, role: 'owner', asOf: day, locale: 'id' });
    expect(calk.compliance).toContain('SAK EMKM');
    expect(calk.entity.name).toBe('Toko reports-worked');
    expect(calk.policies.map((p) => p.title)).toContain('Persediaan');
    expect(calk.notes.map((n) => [n.key, n.amount])).toEqual([
      ['cash', 935000],
      ['receivables', 105000],
      ['inventory', 770000],
      ['fixedAssets', 0],
      ['payables', 0],
      ['deposits', 0],
      ['taxes', 0],
      ['equity', 1810000],
    ]);
    expect(calk.notes[0]!.text).toBe(`Uang tunai dan saldo rekening bank per ${day}: Rp 935.000.`);
    const calkEn = await m.getFinancialNotes({ shopId, role: 'owner', asOf: day, locale: 'en' });
    expect(calkEn.notes[0]!.title).toBe('Cash and cash equivalents');

    // CSV: formula-safe, figures as numbers.
    const csv = (
      await m.fileBuffer(await m.exportProfitLoss({ shopId, role: 'owner', from: day, to: day, format: 'csv', locale: 'id' }))
    ).toString('utf8');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r['Akun'] === 'Laba (rugi) bersih')?.['Jumlah (Rp)']).toBe('-70000');
    expect(rows.find((r) => r['Kode'] === '4102')?.['Jumlah (Rp)']).toBe('-35000');
    const glCsv = (
      await m.fileBuffer(
        await m.exportGeneralLedger({ shopId, role: 'owner', account: '5302', from: day, to: day, format: 'csv', locale: 'id' }),
      )
    ).toString('utf8');
    const glRows = parse(glCsv, { columns: true }) as Record<string, string>[];
    expect(glRows.map((r) => r['Keterangan'])).toEqual(['Saldo awal', `'=HYPERLINK("http://x")`, 'Saldo akhir']);

    // XLSX (streamed), read back with exceljs.
    const xfile = await m.exportBalanceSheet({ shopId, role: 'owner', asOf: day, format: 'xlsx', locale: 'id' });
    expect(xfile.filename).toBe(`posisi-keuangan-${day}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await m.fileBuffer(xfile)) as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => values.push(Array.from((r.values as unknown[]).slice(1), (v) => v ?? '')));
    expect(values[0]).toEqual(['Toko reports-worked']);
    expect(values).toContainEqual(['1101', 'Kas', 935000]);
    expect(values).toContainEqual(['', 'Jumlah aset', 1810000]);
    expect(values).toContainEqual(['', 'Jumlah liabilitas dan ekuitas', 1810000]);
    expect(values.flat().join(' ')).toContain('Standar Akuntansi Keuangan Entitas Mikro, Kecil, dan Menengah (SAK EMKM)');
    const tbX = new ExcelJS.Workbook();
    await tbX.xlsx.load(
      (await m.fileBuffer(
        await m.exportTrialBalance({ shopId, role: 'owner', asOf: day, format: 'xlsx', locale: 'en' }),
      )) as unknown as ArrayBuffer,
    );
    const tbRows: unknown[][] = [];
    tbX.worksheets[0]!.eachRow((r) => tbRows.push(Array.from((r.values as unknown[]).slice(1), (v) => v ?? '')));
    // Debits 935.000 + 105.000 + 770.000 + 35.000 (returns) + 110.000 (HPP) + 100.000 (rent); credits 1.880.000 + 175.000.
    expect(tbRows).toContainEqual(['', 'Total', 2055000, 2055000]);

    // PDF: the text a reader sees holds the shop, the statement, the figures, the notes and a signature line.
    const pdf = pdfText(await m.fileBuffer(await m.exportBalanceSheet({ shopId, role: 'owner', asOf: day, format: 'pdf', locale: 'id' })));
    expect(pdf).toContain('Toko reports-worked');
    expect(pdf).toContain('Laporan Posisi Keuangan');
    expect(pdf).toMatch(/Jumlah aset\s+1\.810\.000/);
    expect(pdf).toContain('Catatan atas Laporan Keuangan');
    expect(pdf).toContain('Mengetahui, pemilik Toko reports-worked');
    // The published logo heads the PDF (read from the shop's own media); a logo path of another shop is ignored.
    const { storage } = await import('#server/media/storage.ts');
    const sharp = (await import('sharp')).default;
    const mediaId = newId();
    await storage().put(
      `${shopId}/${mediaId}/512.png`,
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#1d6b54' } })
        .png()
        .toBuffer(),
    );
    const publish = (shop: string) =>
      m
        .db()
        .insertInto('brand_kits')
        .values({
          shop_id: shopId,
          logo_design_id: null,
          published: JSON.stringify({ logo: { url512: `/media/${shop}/${mediaId}/512.png`, url1024: '' } }),
          published_at: nowIso(),
          published_by: null,
          updated_at: nowIso(),
        })
        .onConflict((oc) => oc.column('shop_id').doUpdateSet({ published: (eb) => eb.ref('excluded.published') }))
        .execute();
    const hasImage = async () =>
      (await m.fileBuffer(await m.exportTrialBalance({ shopId, role: 'owner', asOf: day, format: 'pdf', locale: 'id' }))).includes(
        '/Subtype /Image',
      );
    expect(await hasImage()).toBe(false);
    await publish('othershop0');
    expect(await hasImage()).toBe(false);
    await publish(shopId);
    expect(await hasImage()).toBe(true);
    const plPdf = pdfText(
      await m.fileBuffer(await m.exportProfitLoss({ shopId, role: 'owner', from: day, to: day, format: 'pdf', locale: 'id' })),
    );
    expect(plPdf).toMatch(/Laba \(rugi\) bersih\s+-70\.000/);
    expect(plPdf).toMatch(/Penjualan\s+175\.000/);

    // Staff never see cost or profit: statements, notes, exports, the tax estimate.
    await expect(m.getFinancialNotes({ shopId, role: 'staff', asOf: day, locale: 'id' })).rejects.toMatchObject({ status: 403 });
    for (const format of ['csv', 'xlsx', 'pdf']) {
      await expect(m.exportProfitLoss({ shopId, role: 'staff', from: day, to: day, format, locale: 'id' })).rejects.toMatchObject({
        status: 403,
      });
      await expect(m.exportBalanceSheet({ shopId, role: 'staff', asOf: day, format, locale: 'id' })).rejects.toMatchObject({ status: 403 });
      await expect(m.exportTrialBalance({ shopId, role: 'staff', asOf: day, format, locale: 'id' })).rejects.toMatchObject({ status: 403 });
      await expect(
        m.exportGeneralLedger({ shopId, role: 'staff', account: '1101', from: day, to: day, format, locale: 'id' }),
      ).rejects.toMatchObject({ status: 403 });
    }
    await expect(m.getPphEstimate({ shopId, role: 'staff', year: 2026 })).rejects.toMatchObject({ status: 403 });
    await expect(m.exportProfitLoss({ shopId, role: 'owner', from: day, to: day, format: 'docx', locale: 'id' })).rejects.toMatchObject({
      fields: { format: ['reports.formatInvalid'] },
    });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('sales by channel, product and day/week/month with growth against the previous and a baseline period', async () => {
    const m = await mods();
    const { shopId, productId: a } = await ledgerShop('reports-sales');
    const b = newId();
    await m.inShop(shopId, async ({ tx }) => {
      await tx
        .insertInto('products')
        .values({
          shop_id: shopId,
          id: b,
          slug: 'kue',
          name: 'Kue <Bugis>',
          price: 10000,
          compare_at_price: null,
          unit_cost: 6000,
          sku: null,
          stock: 50,
          status: 'published',
          created_at: nowIso(),
          updated_at: nowIso(),
        })
        .execute();
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T04:00:00Z'));
    await sell(m, shopId, a, 2); // March: 70.000 on WhatsApp
    vi.setSystemTime(new Date('2026-04-15T04:00:00Z'));
    await sell(m, shopId, a, 1); // 35.000 WhatsApp
    await sell(m, shopId, b, 3, 'marketplace'); // 30.000 marketplace
    vi.setSystemTime(new Date('2026-04-20T04:00:00Z'));
    const big = await sell(m, shopId, a, 4); // 140.000 WhatsApp, then 35.000 given back
    await refundAfterDelivery(m, shopId, big, 35000, 'ret-big');
    vi.useRealTimers();

    const r = await m.getSalesReport({
      shopId,
      role: 'staff',
      from: '2026-04-01',
      to: '2026-04-30',
      groupBy: 'week',
      baseline: { from: '2026-03-01', to: '2026-03-31' },
    });
    expect(r.previousPeriod).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(r.total).toEqual({
      gross: 205000,
      returns: 35000,
      net: 170000,
      orders: 3,
      previous: 70000,
      growth: 100000 / 70000,
      baseline: 70000,
      baselineGrowth: 100000 / 70000,
    });
    expect(r.byChannel).toEqual([
      {
        channel: 'whatsapp',
        gross: 175000,
        returns: 35000,
        net: 140000,
        orders: 2,
        previous: 70000,
        growth: 1,
        baseline: 70000,
        baselineGrowth: 1,
      },
      {
        channel: 'marketplace',
        gross: 30000,
        returns: 0,
        net: 30000,
        orders: 1,
        previous: 0,
        growth: null,
        baseline: 0,
        baselineGrowth: null,
      },
    ]);
    expect(r.byProduct).toEqual([
      { productId: a, name: 'Barang', quantity: 5, gross: 175000, previous: 70000, growth: 1.5, baseline: 70000, baselineGrowth: 1.5 },
      { productId: b, name: 'Kue <Bugis>', quantity: 3, gross: 30000, previous: 0, growth: null, baseline: 0, baselineGrowth: null },
    ]);
    expect(r.series.map((s) => [s.start, s.net, s.orders])).toEqual([
      ['2026-03-30', 0, 0],
      ['2026-04-06', 0, 0],
      ['2026-04-13', 65000, 2],
      ['2026-04-20', 105000, 1],
      ['2026-04-27', 0, 0],
    ]);
    const byDay = await m.getSalesReport({ shopId, role: 'owner', from: '2026-04-01', to: '2026-04-30', groupBy: 'day' });
    expect(byDay.series).toHaveLength(30);
    expect(byDay.series.filter((s) => s.gross).map((s) => [s.start, s.gross, s.returns])).toEqual([
      ['2026-04-15', 65000, 0],
      ['2026-04-20', 140000, 35000],
    ]);
    expect(byDay.baselinePeriod).toBeNull();
    // A month cut by the period's start counts only its days in the period (the 10 March sale falls outside).
    const byMonth = await m.getSalesReport({ shopId, role: 'owner', from: '2026-03-15', to: '2026-04-30', groupBy: 'month' });
    expect(byMonth.series.map((s) => [s.start, s.net])).toEqual([
      ['2026-03-01', 0],
      ['2026-04-01', 170000],
    ]);
    const wholeYear = await m.getSalesReport({ shopId, role: 'owner', from: '2026-01-01', to: '2026-12-31', groupBy: 'month' });
    expect(wholeYear.series.filter((s) => s.net).map((s) => [s.start, s.net])).toEqual([
      ['2026-03-01', 70000],
      ['2026-04-01', 170000],
    ]);
    expect(wholeYear.total.net).toBe(240000);

    await expect(m.getSalesReport({ shopId, role: 'officer', from: '2026-04-01', to: '2026-04-30', groupBy: 'day' })).rejects.toMatchObject(
      { status: 403 },
    );
    await expect(m.getSalesReport({ shopId, role: 'owner', from: '2020-01-01', to: '2026-04-30', groupBy: 'day' })).rejects.toMatchObject({
      fields: { groupBy: ['reports.tooManyPoints'] },
    });
    await expect(m.getSalesReport({ shopId, role: 'owner', from: '2026-04-30', to: '2026-04-01', groupBy: 'day' })).rejects.toMatchObject({
      fields: { from: ['ledger.periodInvalid'] },
    });

    // Charts: SVG markup with no script, titled, and the same numbers in a table beneath.
    const line = m.renderSalesOverTime(r, 'id');
    expect(line.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(line.svg).not.toMatch(/<script|on\w+=/i);
    expect(line.svg).toContain('<path d="M');
    expect(line.table.rows).toEqual([
      ['2026-03-30', 'Rp 0', '0'],
      ['2026-04-06', 'Rp 0', '0'],
      ['2026-04-13', 'Rp 65.000', '2'],
      ['2026-04-20', 'Rp 105.000', '1'],
      ['2026-04-27', 'Rp 0', '0'],
    ]);
    const bars = m.renderSalesByChannel(r, 'en');
    expect(bars.table.headers).toEqual(['Channel', 'Net sales', 'Orders']);
    expect(bars.table.rows).toEqual([
      ['WhatsApp', 'Rp 140.000', '2'],
      ['Marketplace', 'Rp 30.000', '1'],
    ]);
    expect(bars.svg.match(/<rect /g) ?? []).toHaveLength(2);
    expect(await shopProblems(shopId)).toEqual([]);

    // Migration 0023 on books that already hold sales rebuilds the same totals from the postings.
    const snapshot = () =>
      m
        .db()
        .selectFrom('sales_totals')
        .select(['grain', 'period', 'channel', 'product_id', 'quantity', 'gross', 'returns', 'orders'])
        .where('shop_id', '=', shopId)
        .orderBy('grain')
        .orderBy('period')
        .orderBy('channel')
        .orderBy('product_id')
        .execute()
        .then((rows) =>
          rows.map((r) => ({
            ...r,
            quantity: Number(r.quantity),
            gross: Number(r.gross),
            returns: Number(r.returns),
            orders: Number(r.orders),
          })),
        );
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    const migration = await import('#db/migrations/0023_reports.ts');
    await migration.down(m.db());
    await migration.up(m.db());
    expect(await snapshot()).toEqual(before);
    expect(await shopProblems(shopId)).toEqual([]);
    // A sales total that drifts from the postings is reported.
    await m
      .db()
      .updateTable('sales_totals')
      .set({ gross: 1 })
      .where('shop_id', '=', shopId)
      .where('grain', '=', 'm')
      .where('period', '=', '2026-04')
      .where('channel', '=', 'marketplace')
      .where('product_id', '=', '')
      .execute();
    expect((await shopProblems(shopId)).map((x) => x.kind)).toEqual(['sales_totals_drift']);
  });

  it('PPh Final estimate: 0.5% a month; an individual is exempt on the first Rp 500 juta from January, crossing it mid-year', async () => {
    const m = await mods();
    const { shopId } = await ledgerShop('reports-pph');
    const sale = (month: string, amount: number) =>
      m.inShop(shopId, (scope) =>
        m.postEntry(scope, {
          key: `sale-${month}`,
          source: { type: 'manual' },
          at: `${month}-15T04:00:00Z`,
          lines: [
            { account: '1101', amount },
            { account: '4101', amount: -amount },
          ],
        }),
      );
    await sale('2026-01', 200_000_000);
    await sale('2026-02', 200_000_000);
    await sale('2026-03', 200_000_000);
    await sale('2026-04', 100_000_000);
    await m.inShop(shopId, (scope) =>
      m.postEntry(scope, {
        key: 'return-04',
        source: { type: 'manual' },
        at: '2026-04-20T04:00:00Z',
        lines: [
          { account: '4102', amount: 10_000_000 },
          { account: '1101', amount: -10_000_000 },
        ],
      }),
    );
    await sale('2025-12', 300_000_000); // the year before counts for its own year only

    const unknown = await m.getPphEstimate({ shopId, role: 'owner', year: 2026 });
    expect(unknown.exemptionApplied).toBe(false);
    expect(unknown.assumptions).toContain('reports.pph.assumeUnknownKind');
    expect(unknown.months.slice(0, 5).map((x) => [x.month, x.turnover, x.tax])).toEqual([
      ['2026-01', 200_000_000, 1_000_000],
      ['2026-02', 200_000_000, 1_000_000],
      ['2026-03', 200_000_000, 1_000_000],
      ['2026-04', 90_000_000, 450_000],
      ['2026-05', 0, 0],
    ]);
    expect(unknown.totalTax).toBe(3_450_000);

    await expect(m.setTaxpayerKind({ shopId, role: 'staff', kind: 'individual' })).rejects.toMatchObject({ status: 403 });
    await expect(m.setTaxpayerKind({ shopId, role: 'owner', kind: 'koperasi' })).rejects.toMatchObject({
      fields: { kind: ['reports.taxpayerKindInvalid'] },
    });
    await m.setTaxpayerKind({ shopId, role: 'owner', kind: 'individual' });
    const individual = await m.getPphEstimate({ shopId, role: 'owner', year: 2026 });
    expect(individual.exemptionApplied).toBe(true);
    expect(individual.months.slice(0, 4).map((x) => [x.cumulative, x.exempt, x.taxable, x.tax])).toEqual([
      [200_000_000, 200_000_000, 0, 0],
      [400_000_000, 200_000_000, 0, 0],
      [600_000_000, 100_000_000, 100_000_000, 500_000],
      [690_000_000, 0, 90_000_000, 450_000],
    ]);
    expect(individual.totalTax).toBe(950_000);
    const lastYear = await m.getPphEstimate({ shopId, role: 'owner', year: 2025 });
    expect(lastYear.totalTax).toBe(0);

    await m.setTaxpayerKind({ shopId, role: 'owner', kind: 'entity' });
    expect((await m.getPphEstimate({ shopId, role: 'owner', year: 2026 })).totalTax).toBe(3_450_000);
    await expect(m.getPphEstimate({ shopId, role: 'owner', year: 1999 })).rejects.toMatchObject({
      fields: { year: ['reports.yearInvalid'] },
    });
  });
});
