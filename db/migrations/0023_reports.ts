import type { Kysely } from 'kysely';

/**
 * Reports (issue 10): sales totals maintained with each sale's posting, in the same transaction, so sales
 * charts read aggregates, never orders or postings. Grain 'd' (YYYY-MM-DD) and 'm' (YYYY-MM) in the
 * program's time zone. product_id '' is the order-level row of a channel (goods sold, orders, returns);
 * other rows are per product (quantity and goods sold). And the shop's taxpayer kind for the PPh Final
 * estimate ('' unknown, 'individual' = orang pribadi, 'entity' = badan).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sales_totals')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('gross', 'bigint', (c) => c.notNull())
    .addColumn('returns', 'bigint', (c) => c.notNull())
    .addColumn('orders', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_totals_pk', ['shop_id', 'grain', 'period', 'channel', 'product_id'])
    .execute();
  await db.schema
    .alterTable('ledger_shops')
    .addColumn('taxpayer_kind', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // Sales already delivered before this migration: from their fulfilment entries and the order lines.
  const delivered = await db
    .selectFrom('journal_entries')
    .innerJoin('orders', (j) =>
      j.onRef('orders.shop_id', '=', 'journal_entries.shop_id').onRef('orders.id', '=', 'journal_entries.source_id'),
    )
    .select(['journal_entries.shop_id', 'journal_entries.day', 'orders.id', 'orders.channel', 'orders.subtotal'])
    .where('journal_entries.source_type', '=', 'order')
    .where('journal_entries.idem_key', 'like', 'order:%:fulfilled')
    .execute();
  const rows = new Map<
    string,
    {
      shop_id: string;
      grain: string;
      period: string;
      channel: string;
      product_id: string;
      quantity: number;
      gross: number;
      returns: number;
      orders: number;
    }
  >();
  const add = (shopId: string, day: string, channel: string, productId: string, quantity: number, gross: number, orders: number) => {
    for (const [grain, period] of [
      ['d', day],
      ['m', day.slice(0, 7)],
    ] as const) {
      const k = [shopId, grain, period, channel, productId].join('|');
      const r = rows.get(k) ?? {
        shop_id: shopId,
        grain,
        period,
        channel,
        product_id: productId,
        quantity: 0,
        gross: 0,
        returns: 0,
        orders: 0,
      };
      r.quantity += quantity;
      r.gross += gross;
      r.orders += orders;
      rows.set(k, r);
    }
  };
  for (const e of delivered) {
    add(e.shop_id, e.day, e.channel, '', 0, Number(e.subtotal), 1);
    const lines = await db
      .selectFrom('order_lines')
      .select(['product_id', 'quantity', 'line_total'])
      .where('shop_id', '=', e.shop_id)
      .where('order_id', '=', e.id)
      .execute();
    for (const l of lines) if (l.product_id) add(e.shop_id, e.day, e.channel, l.product_id, Number(l.quantity), Number(l.line_total), 1);
  }
  // Deliveries reversed before this migration are no longer sales; refunds after delivery are returns.
  const reversed = await db
    .selectFrom('journal_entries as r')
    .innerJoin('journal_entries as e', (j) => j.onRef('e.shop_id', '=', 'r.shop_id').onRef('e.id', '=', 'r.reverses_id'))
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'e.shop_id').onRef('orders.id', '=', 'e.source_id'))
    .select(['r.shop_id', 'r.day', 'orders.id', 'orders.channel', 'orders.subtotal'])
    .where('e.source_type', '=', 'order')
    .where('e.idem_key', 'like', 'order:%:fulfilled')
    .execute();
  for (const e of reversed) {
    add(e.shop_id, e.day, e.channel, '', 0, -Number(e.subtotal), -1);
    const lines = await db
      .selectFrom('order_lines')
      .select(['product_id', 'quantity', 'line_total'])
      .where('shop_id', '=', e.shop_id)
      .where('order_id', '=', e.id)
      .execute();
    for (const l of lines) if (l.product_id) add(e.shop_id, e.day, e.channel, l.product_id, -Number(l.quantity), -Number(l.line_total), -1);
  }
  const refunds = await db
    .selectFrom('journal_postings as p')
    .innerJoin('journal_entries as e', (j) => j.onRef('e.shop_id', '=', 'p.shop_id').onRef('e.id', '=', 'p.entry_id'))
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'e.shop_id').onRef('orders.id', '=', 'e.source_id'))
    .select(['e.shop_id', 'e.day', 'orders.channel', 'p.amount'])
    .where('e.source_type', '=', 'order')
    .where('p.account_code', '=', '4102')
    .execute();
  for (const r of refunds) {
    for (const [grain, period] of [
      ['d', r.day],
      ['m', r.day.slice(0, 7)],
    ] as const) {
      const k = [r.shop_id, grain, period, r.channel, ''].join('|');
      const row = rows.get(k) ?? {
        shop_id: r.shop_id,
        grain,
        period,
        channel: r.channel,
        product_id: '',
        quantity: 0,
        gross: 0,
        returns: 0,
        orders: 0,
      };
      row.returns += Number(r.amount);
      rows.set(k, row);
    }
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 500)
    await db
      .insertInto('sales_totals')
      .values(all.slice(i, i + 500))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ledger_shops').dropColumn('taxpayer_kind').execute();
  await db.schema.dropTable('sales_totals').ifExists().execute();
}
