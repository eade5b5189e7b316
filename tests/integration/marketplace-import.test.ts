import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { accountBalance as balance, ledgerShop, rowCounts, shopProblems, useLedgerDatabase } from '../helpers/ledger.ts';
import { newId, nowIso } from '#server/util.ts';

useLedgerDatabase();

const SHOPEE_EN = [
  'Order ID',
  'Order Status',
  'Order Creation Date',
  'Tracking Number*',
  'Product Name',
  'Variation Name',
  'SKU Reference No.',
  'Parent SKU Reference No.',
  'Deal Price',
  'Quantity',
  'Total Amount',
  'Commission Fee',
  'Service Fee',
  'Transaction Fee',
  'Estimated Shipping Fee',
  'Return / Refund Status',
];
const SHOPEE_ID = [
  'No. Pesanan',
  'Status Pesanan',
  'Waktu Pesanan Dibuat',
  'No. Resi',
  'Nama Produk',
  'Nama Variasi',
  'Nomor Referensi SKU',
  'SKU Induk',
  'Harga Setelah Diskon',
  'Jumlah',
  'Total Pembayaran',
  'Biaya Komisi',
  'Biaya Layanan',
  'Biaya Transaksi',
  'Perkiraan Ongkos Kirim',
  'Status Pembatalan/ Pengembalian',
];
const TIKTOK_EN = [
  'Order ID',
  'Order Status',
  'Order Substatus',
  'Seller SKU',
  'Product Name',
  'Variation',
  'Quantity',
  'SKU Subtotal After Discount',
  'Order Amount',
  'Created Time',
  'Paid Time',
  'Shipped Time',
  'Delivered Time',
  'Cancelled Time',
  'Tracking ID',
  'Shipping Provider Name',
  'Recipient',
  'Phone #',
  'Payment Method',
];

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** A Shopee row: order, status, product, variation, sku, deal price, quantity, fees (commission, service, transaction), return status. */
function shopee(
  o: string,
  status: string,
  name: string,
  sku: string,
  price: string,
  qty: string,
  fees: [string, string, string],
  ret = '',
): string[] {
  return [o, status, '2026-11-20 10:00', 'SPX123', name, '', sku, '', price, qty, '', fees[0], fees[1], fees[2], '9000', ret];
}

function csvFile(text: string) {
  return { format: 'csv' as const, open: () => Readable.from([Buffer.from(text, 'utf8')]) };
}

async function mods() {
  const { previewMarketplaceImport } = await import('#server/imports/preview-marketplace-import.ts');
  const { commitMarketplaceImport } = await import('#server/imports/commit-marketplace-import.ts');
  const { mapMarketplaceProduct } = await import('#server/imports/map-marketplace-product.ts');
  const { saveImportColumnMapping } = await import('#server/imports/save-import-column-mapping.ts');
  return { previewMarketplaceImport, commitMarketplaceImport, mapMarketplaceProduct, saveImportColumnMapping };
}

const counts = (shopId: string) =>
  rowCounts(shopId, {
    entries: 'journal_entries',
    movements: 'stock_movements',
    orders: 'orders',
    events: 'order_events',
    lines: 'order_lines',
  });

async function imported(shopId: string, marketplace: string, externalId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  return db()
    .selectFrom('marketplace_orders')
    .innerJoin('orders', (j) =>
      j.onRef('orders.shop_id', '=', 'marketplace_orders.shop_id').onRef('orders.id', '=', 'marketplace_orders.order_id'),
    )
    .select(['orders.id', 'orders.status', 'orders.channel', 'orders.marketplace', 'orders.total', 'marketplace_orders.external_status'])
    .where('marketplace_orders.shop_id', '=', shopId)
    .where('marketplace_orders.marketplace', '=', marketplace as 'shopee')
    .where('marketplace_orders.external_order_id', '=', externalId)
    .executeTakeFirst();
}

/** A shop with "Barang" (SKU BRG-01, stock 40, cost 22.000) and "Kopi Gowa" (no SKU, untracked stock), matched by name. */
async function importShop(slug: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const s = await ledgerShop(slug);
  await db().updateTable('products').set({ sku: 'BRG-01' }).where('shop_id', '=', s.shopId).where('id', '=', s.productId).execute();
  const kopiId = newId();
  const now = nowIso();
  await db()
    .insertInto('products')
    .values({
      shop_id: s.shopId,
      id: kopiId,
      slug: 'kopi-gowa',
      name: 'Kopi Gowa',
      price: 50000,
      compare_at_price: null,
      unit_cost: 30000,
      sku: null,
      stock: null,
      status: 'published',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { ...s, kopiId };
}

describe('marketplace import', () => {
  it('previews a Shopee CSV, imports its good rows once, and applies a newer Indonesian export’s statuses', async () => {
    const m = await mods();
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { shopId, userId, productId } = await importShop('mp-shopee');
    const fees: [string, string, string] = ['5.000', '2.000', '1.000'];
    const first = csv([
      SHOPEE_EN,
      shopee('SP-2001', 'Completed', 'Barang', 'BRG-01', 'Rp 35.000', '2', fees), // line 2
      shopee('SP-2001', 'Completed', 'Kopi Gowa', '', '50000', '1', fees), // line 3: same order, fees again (taken once)
      shopee('SP-2002', 'To ship', 'Barang', 'BRG-01', '35000', '1', ['3000', '0', '0']), // line 4
      shopee('SP-2002', 'To ship', 'Barang', 'BRG-01', '35000', '1', ['3000', '0', '0']), // line 5: duplicate
      shopee('SP-2003', 'Completed', 'Barang', 'BRG-01', '35000', 'dua', ['0', '0', '0']), // line 6: malformed
      shopee('SP-2004', 'Completed', 'Teh Misterius', '', '20000', '1', ['1000', '0', '0']), // line 7: unmatched
    ]);
    const input = { marketplace: 'shopee' as const, format: 'csv' as const };
    const before = await counts(shopId);
    const preview = await m.previewMarketplaceImport({ shopId, role: 'staff', input, file: csvFile(first) });
    expect(preview).toMatchObject({
      rows: 6,
      badRowCount: 1,
      badRows: [{ line: 6, reason: 'imports.rowBadQuantity' }],
      duplicateRows: 1,
      orders: { total: 3, new: 2, known: 0, statusChanges: 0, waitingForMapping: 1 },
      totals: { orders: 2, lines: 3, gross: 155000, fees: 8000 + 3000, net: 155000 - 11000 },
    });
    expect(preview.unmatched).toEqual([{ key: 'name:teh misterius|', sku: '', name: 'Teh Misterius', variation: '', lines: 1 }]);
    expect(await counts(shopId)).toEqual(before);

    const progress: number[] = [];
    const done = await m.commitMarketplaceImport({
      shopId,
      role: 'staff',
      userId,
      input,
      file: csvFile(first),
      onProgress: (p) => void progress.push(p.ordersDone),
    });
    expect(done.orders).toEqual({ created: 2, updated: 0, unchanged: 0, unmatched: 1, conflict: 0 });
    expect(done.badRows).toEqual([{ line: 6, reason: 'imports.rowBadQuantity' }]);
    expect(progress).toEqual([3]);
    expect(await imported(shopId, 'shopee', 'SP-2001')).toMatchObject({
      status: 'fulfilled',
      channel: 'marketplace',
      marketplace: 'shopee',
      total: 120000,
    });
    expect(await imported(shopId, 'shopee', 'SP-2002')).toMatchObject({ status: 'confirmed', total: 35000 });
    expect(await imported(shopId, 'shopee', 'SP-2003')).toBeUndefined();
    // Completed: receivable from Shopee less its fees (taken once), revenue, HPP at cost; the open order books nothing yet.
    expect(await balance(shopId, '1202')).toBe(120000 - 8000);
    expect(await balance(shopId, '5201')).toBe(8000);
    expect(await balance(shopId, '4101')).toBe(-120000);
    expect(await balance(shopId, '5101')).toBe(2 * 22000 + 30000);
    const stock = await db()
      .selectFrom('products')
      .select('stock')
      .where('shop_id', '=', shopId)
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(stock.stock).toBe(40 - 3);
    expect(await shopProblems(shopId)).toEqual([]);

    // The same file again changes nothing.
    const afterFirst = await counts(shopId);
    const again = await m.commitMarketplaceImport({ shopId, role: 'owner', userId, input, file: csvFile(first) });
    expect(again.orders).toEqual({ created: 0, updated: 0, unchanged: 2, unmatched: 1, conflict: 0 });
    expect(await counts(shopId)).toEqual(afterFirst);
    expect(await shopProblems(shopId)).toEqual([]);

    // Mapped once, the waiting order imports, and the mapping is remembered for later files.
    await m.mapMarketplaceProduct({ shopId, role: 'staff', input: { marketplace: 'shopee', key: preview.unmatched[0]!.key, productId } });
    const mapped = await m.commitMarketplaceImport({ shopId, role: 'staff', userId, input, file: csvFile(first) });
    expect(mapped.orders).toMatchObject({ created: 1, unchanged: 2, unmatched: 0 });
    expect(mapped.unmatched).toEqual([]);
    expect(await imported(shopId, 'shopee', 'SP-2004')).toMatchObject({ status: 'fulfilled', total: 20000 });
    expect(await shopProblems(shopId)).toEqual([]);

    // A newer export with Indonesian headers: SP-2002 completed, SP-2001 returned, SP-2004 cancelled (too late: delivered).
    const newer = csv([
      SHOPEE_ID,
      shopee('SP-2001', 'Selesai', 'Barang', 'BRG-01', '35.000', '2', fees, 'Pengembalian Dana Disetujui'),
      shopee('SP-2001', 'Selesai', 'Kopi Gowa', '', '50.000', '1', fees, 'Pengembalian Dana Disetujui'),
      shopee('SP-2002', 'Selesai', 'Barang', 'BRG-01', '35.000', '1', ['3.000', '0', '0']),
      shopee('SP-2004', 'Batal', 'Teh Misterius', '', '20.000', '1', ['1.000', '0', '0']),
    ]);
    const p2 = await m.previewMarketplaceImport({ shopId, role: 'staff', input, file: csvFile(newer) });
    expect(p2.orders).toEqual({ total: 3, new: 0, known: 3, statusChanges: 3, waitingForMapping: 0 });
    const r2 = await m.commitMarketplaceImport({ shopId, role: 'staff', userId, input, file: csvFile(newer) });
    expect(r2.orders).toEqual({ created: 0, updated: 2, unchanged: 0, unmatched: 0, conflict: 1 });
    expect(await imported(shopId, 'shopee', 'SP-2002')).toMatchObject({ status: 'fulfilled', external_status: 'completed' });
    expect(await imported(shopId, 'shopee', 'SP-2001')).toMatchObject({ status: 'fulfilled', external_status: 'returned' });
    expect(await imported(shopId, 'shopee', 'SP-2004')).toMatchObject({ status: 'fulfilled', external_status: 'completed' });
    expect(await balance(shopId, '4102')).toBe(120000);
    expect(await balance(shopId, '5201')).toBe(8000 + 3000 + 1000);
    expect(await balance(shopId, '1202')).toBe(120000 - 8000 - 120000 + 35000 - 3000 + 20000 - 1000);
    expect(await shopProblems(shopId)).toEqual([]);
    const afterNewer = await counts(shopId);
    await m.commitMarketplaceImport({ shopId, role: 'staff', userId, input, file: csvFile(newer) });
    await m.commitMarketplaceImport({ shopId, role: 'staff', userId, input, file: csvFile(first) });
    expect(await counts(shopId)).toEqual(afterNewer);
    expect(await shopProblems(shopId)).toEqual([]);

    // Shopee pays out what it still owes: Bank / Piutang Marketplace, once per key.
    const { recordMarketplacePayout } = await import('#server/imports/record-marketplace-payout.ts');
    const owed = await balance(shopId, '1202');
    expect(owed).toBe(43000);
    const bankBefore = await balance(shopId, '1102');
    const payout = {
      marketplace: 'shopee' as const,
      amount: owed,
      date: null,
      paidWith: 'bank' as const,
      memo: '',
      idempotencyKey: 'payout-test-0001',
    };
    expect(await recordMarketplacePayout({ shopId, role: 'staff', userId, input: payout })).toMatchObject({ recorded: true });
    expect(await recordMarketplacePayout({ shopId, role: 'staff', userId, input: payout })).toMatchObject({ recorded: false });
    expect(await balance(shopId, '1202')).toBe(0);
    expect(await balance(shopId, '1102')).toBe(bankBefore + owed);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('streams orders in chunks and reports a line that turns up after its order was handed on, keeping the rest', async () => {
    const { groupImportRows, emptyStats } = await import('#server/imports/marketplace-orders.ts');
    const file = csvFile(
      csv([
        SHOPEE_EN,
        shopee('C-1', 'Completed', 'Barang', 'BRG-01', '35000', '1', ['0', '0', '0']),
        shopee('C-2', 'Completed', 'Barang', 'BRG-01', '35000', '1', ['0', '0', '0']),
        shopee('C-1', 'Completed', 'Kopi Gowa', '', '50000', '1', ['0', '0', '0']), // line 4: C-1 was already handed on
        shopee('C-3', 'Completed', 'Barang', 'BRG-01', '35000', '2', ['0', '0', '0']),
      ]),
    );
    const stats = emptyStats();
    const chunks: string[][] = [];
    for await (const groups of groupImportRows(file, null, () => null, stats, 1)) chunks.push(groups.map((g) => g.externalOrderId));
    expect(chunks).toEqual([['C-1'], ['C-2'], ['C-3']]);
    expect(stats).toMatchObject({ rows: 4, orders: 3, badCount: 1, badRows: [{ line: 4, reason: 'imports.rowOrderApart' }] });
  });

  it('imports a TikTok Shop/Tokopedia XLSX, kept apart from Shopee orders with the same id', async () => {
    const m = await mods();
    const { shopId, userId } = await importShop('mp-tiktok');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('OrderSKUList');
    ws.addRow(TIKTOK_EN);
    const tt = (o: string, status: string, sku: string, name: string, qty: number, subtotal: number) => [
      o,
      status,
      '',
      sku,
      name,
      '',
      qty,
      subtotal,
      subtotal,
      '20/11/2026 10:00:00',
      '',
      '',
      '',
      '',
      'JX1',
      'J&T',
      'Ibu Rahma',
      '(+62)812****',
      'COD',
    ];
    ws.addRow(tt('5761', 'Completed', 'BRG-01', 'Barang', 2, 70000));
    ws.addRow(tt('5762', 'Cancelled', '', 'Kopi Gowa', 1, 50000));
    ws.addRow(tt('5763', 'To ship', 'BRG-01', 'Barang', 0, 0)); // quantity 0: bad row
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const file = { format: 'xlsx' as const, open: () => Readable.from([buf]) };
    const input = { marketplace: 'tokopedia_tiktok' as const, format: 'xlsx' as const };
    const preview = await m.previewMarketplaceImport({ shopId, role: 'owner', input, file });
    expect(preview).toMatchObject({
      rows: 3,
      badRowCount: 1,
      badRows: [{ line: 4, reason: 'imports.rowBadQuantity' }],
      totals: { orders: 2, lines: 2, gross: 120000, fees: 0, net: 120000 },
    });
    const r = await m.commitMarketplaceImport({ shopId, role: 'owner', userId, input, file });
    expect(r.orders).toMatchObject({ created: 2 });
    expect(await imported(shopId, 'tokopedia_tiktok', '5761')).toMatchObject({
      status: 'fulfilled',
      marketplace: 'tokopedia_tiktok',
      total: 70000,
    });
    expect(await imported(shopId, 'tokopedia_tiktok', '5762')).toMatchObject({ status: 'cancelled' });
    expect(await balance(shopId, '1202')).toBe(70000);
    expect(await shopProblems(shopId)).toEqual([]);

    // The same external id on Shopee is another order.
    const shopeeFile = csv([SHOPEE_EN, shopee('5761', 'Completed', 'Barang', 'BRG-01', '35000', '1', ['0', '0', '0'])]);
    const s = await m.commitMarketplaceImport({
      shopId,
      role: 'owner',
      userId,
      input: { marketplace: 'shopee', format: 'csv' },
      file: csvFile(shopeeFile),
    });
    expect(s.orders.created).toBe(1);
    const before = await counts(shopId);
    await m.commitMarketplaceImport({ shopId, role: 'owner', userId, input, file });
    expect(await counts(shopId)).toEqual(before);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('reads another CSV layout through a saved column mapping, and refuses unknown layouts and roles without orders', async () => {
    const m = await mods();
    const { AppError } = await import('#server/errors.ts');
    const { shopId, userId } = await importShop('mp-other');
    await m.saveImportColumnMapping({
      shopId,
      role: 'owner',
      input: {
        name: 'Toko Lain',
        columns: { orderId: 'Nomor', status: 'Keadaan', name: 'Barang', quantity: 'Banyak', lineTotal: 'Nilai' },
      },
    });
    const file = csvFile(
      csv([
        ['Nomor', 'Barang', 'Banyak', 'Nilai', 'Keadaan'],
        ['X-1', 'Kopi Gowa', '3', '150000', 'selesai'],
      ]),
    );
    const input = { marketplace: 'other' as const, format: 'csv' as const, mappingName: 'Toko Lain' };
    const r = await m.commitMarketplaceImport({ shopId, role: 'staff', userId, input, file });
    expect(r.orders.created).toBe(1);
    expect(await imported(shopId, 'other', 'X-1')).toMatchObject({ status: 'fulfilled', total: 150000 });

    const refusal = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      return err as InstanceType<typeof AppError>;
    };
    const before = await counts(shopId);
    expect(
      (await refusal(m.commitMarketplaceImport({ shopId, role: 'staff', userId, input: { marketplace: 'other', format: 'csv' }, file })))
        .messageKey,
    ).toBe('imports.layoutUnknown');
    expect((await refusal(m.previewMarketplaceImport({ shopId, role: 'officer', input, file }))).status).toBe(403);
    expect(
      (await refusal(m.previewMarketplaceImport({ shopId, role: 'staff', input: { ...input, mappingName: 'Tidak Ada' }, file }))).status,
    ).toBe(404);
    const notXlsx = { format: 'xlsx' as const, open: () => Readable.from([Buffer.from('bukan excel')]) };
    expect(
      (
        await refusal(
          m.previewMarketplaceImport({ shopId, role: 'staff', input: { marketplace: 'shopee', format: 'xlsx' }, file: notXlsx }),
        )
      ).messageKey,
    ).toBe('imports.fileUnreadable');
    expect(await counts(shopId)).toEqual(before);
    expect(await shopProblems(shopId)).toEqual([]);
  });
});
