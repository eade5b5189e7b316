/**
 * The bulk path for large program data sets (the program benchmark): the sales_totals rows that posting a list of
 * delivered orders through the normal path (ledger/sales-totals.ts recordOrderSales) leaves behind, computed in
 * memory. tests/integration/program-rollups-bulk.test.ts checks it against the normal path on a sample.
 */
export interface BulkOrder {
  day: string;
  channel: string;
  subtotal: number;
  outside: boolean;
  lines: { productId: string | null; quantity: number; lineTotal: number }[];
}
export interface SalesTotalsRow {
  shop_id: string;
  grain: 'd' | 'm';
  period: string;
  channel: string;
  product_id: string;
  quantity: number;
  gross: number;
  returns: number;
  orders: number;
  outside_orders: number;
}

export function bulkSalesTotals(shopId: string, orders: readonly BulkOrder[]): SalesTotalsRow[] {
  const rows = new Map<string, SalesTotalsRow>();
  const add = (
    grain: 'd' | 'm',
    period: string,
    channel: string,
    productId: string,
    q: number,
    gross: number,
    n: number,
    outside: number,
  ) => {
    const key = `${grain}|${period}|${channel}|${productId}`;
    const r = rows.get(key) ?? {
      shop_id: shopId,
      grain,
      period,
      channel,
      product_id: productId,
      quantity: 0,
      gross: 0,
      returns: 0,
      orders: 0,
      outside_orders: 0,
    };
    r.quantity += q;
    r.gross += gross;
    r.orders += n;
    r.outside_orders += outside;
    rows.set(key, r);
  };
  for (const o of orders) {
    for (const [grain, period] of [
      ['d', o.day],
      ['m', o.day.slice(0, 7)],
    ] as const) {
      add(grain, period, o.channel, '', 0, o.subtotal, 1, o.outside ? 1 : 0);
      const byProduct = new Map<string, { q: number; g: number }>();
      for (const l of o.lines) {
        if (!l.productId) continue;
        const p = byProduct.get(l.productId) ?? { q: 0, g: 0 };
        p.q += l.quantity;
        p.g += l.lineTotal;
        byProduct.set(l.productId, p);
      }
      for (const [pid, p] of byProduct) add(grain, period, o.channel, pid, p.q, p.g, 1, 0);
    }
  }
  return [...rows.values()];
}
