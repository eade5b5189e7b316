import { sql, type Insertable } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import type { SalesTotalsTable } from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';

export interface SalesRow {
  channel: string;
  productId: string;
  quantity: number;
  gross: number;
  returns: number;
  orders: number;
  /** Of `orders`, those delivered outside the shop's own kabupaten. */
  outside?: number;
}

/** Add to the day and month sales totals, in the caller's transaction (the one posting the sale). */
export async function addSales(scope: ShopScope, day: string, rows: SalesRow[]): Promise<void> {
  if (!rows.length) return;
  const { shopId } = scope;
  const values = rows.flatMap((r) =>
    (
      [
        ['d', day],
        ['m', day.slice(0, 7)],
      ] as const
    ).map(([grain, period]) => ({
      shop_id: shopId,
      grain,
      period,
      channel: r.channel,
      product_id: r.productId,
      quantity: r.quantity,
      gross: r.gross,
      returns: r.returns,
      orders: r.orders,
      outside_orders: r.outside ?? 0,
    })),
  );
  await addSalesRows.all(scope.tx, values);
}

const addSalesRows = prepared((q, rows: Insertable<SalesTotalsTable>[]) =>
  q
    .insertInto('sales_totals')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['shop_id', 'grain', 'period', 'channel', 'product_id']).doUpdateSet((eb) => ({
        quantity: eb('sales_totals.quantity', '+', eb.ref('excluded.quantity')),
        gross: eb('sales_totals.gross', '+', eb.ref('excluded.gross')),
        returns: eb('sales_totals.returns', '+', eb.ref('excluded.returns')),
        orders: eb('sales_totals.orders', '+', eb.ref('excluded.orders')),
        outside_orders: eb('sales_totals.outside_orders', '+', eb.ref('excluded.outside_orders')),
      })),
    ),
);

/**
 * A delivered order counts as a sale on the day its revenue is posted (sign 1), and a reversed
 * fulfilment takes it back (sign -1): the channel's order row and one row per product line.
 */
export async function recordOrderSales(
  scope: ShopScope,
  opts: {
    orderId: string;
    day: string;
    sign: 1 | -1;
    /** The order's channel and subtotal and its lines when the caller has read them already. */
    order?: { channel: string; subtotal: number; outside?: number };
    lines?: readonly { product_id: string | null; quantity: number; line_total: number }[];
  },
): Promise<void> {
  const { tx, shopId } = scope;
  const order =
    opts.order ??
    (await tx
      .selectFrom('orders')
      .select(['channel', 'subtotal'])
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.orderId)
      .executeTakeFirstOrThrow());
  const lines =
    opts.lines ??
    (await tx
      .selectFrom('order_lines')
      .select(['product_id', 'quantity', 'line_total'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', opts.orderId)
      .execute());
  const s = opts.sign;
  const byProduct = new Map<string, SalesRow>();
  for (const l of lines) {
    if (!l.product_id) continue;
    const r = byProduct.get(l.product_id) ?? {
      channel: order.channel,
      productId: l.product_id,
      quantity: 0,
      gross: 0,
      returns: 0,
      orders: s,
    };
    r.quantity += s * Number(l.quantity);
    r.gross += s * Number(l.line_total);
    byProduct.set(l.product_id, r);
  }
  // New markets: a destination is home when it names the program's kabupaten in either code list (the destination
  // list's own code, or the Kemendagri code of the official areas); unknown home or no destination counts as home.
  const away = opts.order?.outside !== undefined ? { outside: opts.order.outside } : await outsideOrder.first(tx, shopId, opts.orderId);
  const outside = away?.outside ? s : 0;
  await addSales(scope, opts.day, [
    { channel: order.channel, productId: '', quantity: 0, gross: s * Number(order.subtotal), returns: 0, orders: s, outside },
    ...byProduct.values(),
  ]);
}

const outsideOrder = prepared((q, shopId: string, orderId: string) =>
  q
    .selectFrom('orders as o')
    .innerJoin('shops as sh', 'sh.id', 'o.shop_id')
    .innerJoin('programs as p', 'p.id', 'sh.program_id')
    .select(
      sql<number>`case when o.destination_code is null or coalesce(p.home_destination, p.kabupaten_code) is null
        or o.destination_code in (coalesce(p.home_destination, ''), coalesce(p.kabupaten_code, '')) then 0 else 1 end`.as('outside'),
    )
    .where('o.shop_id', '=', shopId)
    .where('o.id', '=', orderId),
);

/** Money given back after delivery (Retur Penjualan): a return on the order's channel, not attributed to a product. */
export async function recordSalesReturn(scope: ShopScope, opts: { orderId: string; day: string; amount: number }): Promise<void> {
  const order = await scope.tx
    .selectFrom('orders')
    .select('channel')
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', opts.orderId)
    .executeTakeFirstOrThrow();
  await addSales(scope, opts.day, [{ channel: order.channel, productId: '', quantity: 0, gross: 0, returns: opts.amount, orders: 0 }]);
}
