import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { shopIdOf } from '#tests/helpers/orders.ts';
import { addDays } from '#server/ledger/report-period.ts';

/** A first start: the demo seed with its months of trading, recorded through the use cases. */
let env: Awaited<ReturnType<typeof useTestDatabase>>;
// Months of postings through the use cases: minutes on a loaded machine with PostgreSQL (a hang detector, not a speed limit).
beforeAll(async () => {
  env = await useTestDatabase({ seed: true, history: true });
}, 1_200_000);
afterAll(async () => {
  await env?.close();
});

const SHOPS = ['hk05', 'roti-balang', 'kopi-borongloe'];

async function count(
  table: 'cash_book' | 'stock_movements' | 'order_returns' | 'marketplace_orders',
  shopId: string,
  where?: [string, string],
) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  let q = db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a column of whichever table is counted
  if (where) q = q.where(where[0] as any, '=', where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('demo seed history', () => {
  it('gives every demo shop six months of sales on every channel, in the reports and on the dashboard home', async () => {
    const { getSalesReport } = await import('#server/ledger/get-sales-report.ts');
    const { getBusinessSummary } = await import('#server/ledger/get-business-summary.ts');
    const { getProfitLoss } = await import('#server/ledger/get-profit-loss.ts');
    const { today } = await import('#tests/helpers/ledger.ts');
    for (const slug of SHOPS) {
      const shopId = await shopIdOf(slug);
      const to = await today(shopId);
      // The six whole months before this one, month by month.
      const from = `${addDays(`${to.slice(0, 7)}-01`, -175).slice(0, 7)}-01`;
      const lastMonthEnd = addDays(`${to.slice(0, 7)}-01`, -1);
      const report = await getSalesReport({ shopId, role: 'owner', from, to: lastMonthEnd, groupBy: 'month' });
      expect(report.series, slug).toHaveLength(6);
      for (const month of report.series) expect(month.gross, `${slug} ${month.start}`).toBeGreaterThan(0);
      const channels = Object.fromEntries(report.byChannel.map((c) => [c.channel, c.gross]));
      for (const channel of ['whatsapp', 'stall', 'reseller', 'marketplace'])
        expect(channels[channel], `${slug} ${channel}`).toBeGreaterThan(0);
      expect(report.byProduct.length, slug).toBeGreaterThan(1);

      const home = await getBusinessSummary({ shopId, role: 'owner' });
      expect(home.sales.previous, slug).toBeGreaterThan(0);
      expect(home.cash?.total, slug).toBeGreaterThan(0);

      const pl = await getProfitLoss({ shopId, role: 'owner', from, to });
      expect(pl.totalRevenue, slug).toBeGreaterThan(0);
      expect(pl.cogs, slug).toBeGreaterThan(0);
      expect(pl.expenses.length, slug).toBeGreaterThan(1);
    }
  });

  it('records imports from both marketplaces, expenses, drawings, stock counts and returns', async () => {
    for (const slug of SHOPS) {
      const shopId = await shopIdOf(slug);
      expect(await count('marketplace_orders', shopId, ['marketplace', 'shopee']), slug).toBeGreaterThan(0);
      expect(await count('marketplace_orders', shopId, ['marketplace', 'tokopedia_tiktok']), slug).toBeGreaterThan(0);
      expect(await count('cash_book', shopId, ['kind', 'expense']), slug).toBeGreaterThanOrEqual(6);
      expect(await count('cash_book', shopId, ['kind', 'drawing']), slug).toBeGreaterThanOrEqual(6);
      expect(await count('cash_book', shopId, ['kind', 'capital']), slug).toBe(1);
    }
    // Roti Balang bakes to order (no tracked stock), so only the other two count their shelves.
    for (const slug of ['hk05', 'kopi-borongloe'])
      expect(await count('stock_movements', await shopIdOf(slug), ['kind', 'count']), slug).toBeGreaterThan(0);
    expect(await count('order_returns', await shopIdOf('hk05'))).toBeGreaterThan(0);
  });

  it('passes the ledger check and leaves the catalog’s stock where the catalog seed put it', async () => {
    const { checkAllLedgers } = await import('#server/ledger/check-all-ledgers.ts');
    expect((await checkAllLedgers()).problems).toEqual([]);
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const hk05 = await shopIdOf('hk05');
    const rows = await db().selectFrom('products').select(['slug', 'stock']).where('shop_id', '=', hk05).orderBy('slug').execute();
    expect(Object.fromEntries(rows.map((r) => [r.slug, r.stock === null ? null : Number(r.stock)]))).toEqual({
      'keripik-putih-telur': null,
      'sambal-telur-asin': 15,
      'telur-asin-bakar': null,
      'telur-asin-bakar-isi-10': 40,
      'telur-asin-bakar-satuan': 200,
      'telur-asin-rebus-isi-6': 25,
      'telur-itik-segar-isi-10': 4,
    });
    const variants = await db()
      .selectFrom('product_variants')
      .select(['name', 'stock'])
      .where('shop_id', '=', hk05)
      .orderBy('sort_order')
      .execute();
    expect(variants.map((v) => [v.name, Number(v.stock)])).toEqual([
      ['Isi 6', 30],
      ['Isi 10', 40],
      ['Isi 30', 8],
    ]);
  });
});
