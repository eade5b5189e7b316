import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { buildProgramFixture, type ProgramFixture } from '../helpers/program-fixture.ts';
import { bulkSalesTotals, type BulkOrder } from '#db/program-bulk.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
let fx: ProgramFixture;
beforeAll(async () => {
  env = await useTestDatabase();
  fx = await buildProgramFixture();
});
afterAll(async () => {
  await env?.close();
});

describe(`the benchmark's bulk roll-ups equal the posting path's (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('on the fixture shops (quick sales, storefront orders inside and outside the kabupaten)', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    for (const shopId of [fx.shops.S1, fx.shops.S2, fx.shops.S3]) {
      // The orders as delivered: the day their revenue was posted, channel, subtotal, lines, destination.
      const orders = await db()
        .selectFrom('orders')
        .innerJoin('journal_entries as j', (j) => j.onRef('j.shop_id', '=', 'orders.shop_id').onRef('j.source_id', '=', 'orders.id'))
        .where('orders.shop_id', '=', shopId)
        .where('j.idem_key', 'like', 'order:%:fulfilled')
        .select(['orders.id', 'orders.channel', 'orders.subtotal', 'orders.destination_code', 'j.day'])
        .execute();
      const spec: BulkOrder[] = [];
      for (const o of orders) {
        const lines = await db()
          .selectFrom('order_lines')
          .select(['product_id', 'quantity', 'line_total'])
          .where('shop_id', '=', shopId)
          .where('order_id', '=', o.id)
          .execute();
        spec.push({
          day: o.day,
          channel: o.channel,
          subtotal: Number(o.subtotal),
          outside: o.destination_code !== null && o.destination_code !== '7306',
          lines: lines.map((l) => ({ productId: l.product_id, quantity: Number(l.quantity), lineTotal: Number(l.line_total) })),
        });
      }
      expect(spec.length).toBeGreaterThan(0);
      const key = (r: { grain: string; period: string; channel: string; product_id: string }) =>
        `${r.grain}|${r.period}|${r.channel}|${r.product_id}`;
      const posted = (await db().selectFrom('sales_totals').selectAll().where('shop_id', '=', shopId).execute())
        .map((r) => ({
          ...r,
          quantity: Number(r.quantity),
          gross: Number(r.gross),
          returns: Number(r.returns),
          orders: Number(r.orders),
          outside_orders: Number(r.outside_orders),
        }))
        .sort((a, b) => key(a).localeCompare(key(b)));
      const bulk = bulkSalesTotals(shopId, spec).sort((a, b) => key(a).localeCompare(key(b)));
      expect(bulk).toEqual(posted);
    }
  });
});
