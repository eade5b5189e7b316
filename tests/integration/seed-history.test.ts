import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { shopIdOf } from '#tests/helpers/orders.ts';
import { addDays } from '#server/ledger/report-period.ts';

/** A first start: the demo seed with its months of trading, recorded through the use cases. */
let env: Awaited<ReturnType<typeof useTestDatabase>>;
// Months of postings through the use cases: minutes on a loaded machine with PostgreSQL (a hang detector, not a speed limit).
let seedStarted = 0;
let seedEnded = 0;
beforeAll(async () => {
  seedStarted = Date.now();
  env = await useTestDatabase({ seed: true, history: true });
  seedEnded = Date.now();
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

  it('takes card orders through the card payment use case: paid net of Stripe and platform fees, then delivered', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { cardFees } = await import('#db/seed-history.ts');
    for (const slug of SHOPS) {
      const shopId = await shopIdOf(slug);
      const orders = await db()
        .selectFrom('orders')
        .select(['id', 'status', 'channel', 'total', 'stripe_payment_intent_id', 'created_at'])
        .where('shop_id', '=', shopId)
        .where('payment_method', '=', 'card')
        .execute();
      expect(orders.length, slug).toBeGreaterThan(5);
      const postings = await db()
        .selectFrom('journal_postings as p')
        .innerJoin('journal_entries as e', (j) => j.onRef('e.shop_id', '=', 'p.shop_id').onRef('e.id', '=', 'p.entry_id'))
        .select(['e.idem_key', 'p.account_code', 'p.amount'])
        .where('p.shop_id', '=', shopId)
        .where(
          'e.source_id',
          'in',
          orders.map((o) => o.id),
        )
        .execute();
      const by = (key: string, account: string) =>
        postings.filter((p) => p.idem_key === key && p.account_code === account).reduce((s, p) => s + Number(p.amount), 0);
      for (const o of orders) {
        const total = Number(o.total);
        const fees = cardFees(total);
        // The seed delivers a card order an hour after it was placed, never in the future: one placed within the last
        // hour before the seed ran is still paid (which hour that is depends on the time of day the test runs).
        // The seed's clock lies between seedStarted and seedEnded; a delivery due in that span may have happened or not.
        const due = Date.parse(o.created_at) + 60 * 60_000;
        const deliveredYet = due <= seedStarted || (due <= seedEnded && o.status === 'fulfilled');
        expect(o.channel, slug).toBe('web');
        expect(o.status, `${slug} ${o.created_at}`).toBe(deliveredYet ? 'fulfilled' : 'paid');
        expect(o.stripe_payment_intent_id, slug).toMatch(/^pi_seed_/);
        expect(by(`order:${o.id}:paid`, '1102'), slug).toBe(total);
        expect(by(`order:${o.id}:card-fees`, '5206'), slug).toBe(fees.stripe + fees.platform);
        expect(by(`order:${o.id}:card-fees`, '1102'), slug).toBe(-(fees.stripe + fees.platform));
        expect(fees.stripe, slug).toBeGreaterThan(2000);
        expect(fees.platform, slug).toBe(Math.floor(total / 100));
        if (deliveredYet) expect(by(`order:${o.id}:fulfilled`, '4101'), slug).toBeLessThan(0);
      }
    }
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
