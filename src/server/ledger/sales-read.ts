import type { ShopScope } from '../tenant/index.ts';
import { lastDayOfMonth, type Period } from './report-period.ts';

export interface SalesSum {
  channel: string;
  productId: string;
  quantity: number;
  gross: number;
  returns: number;
  orders: number;
}

/**
 * Sales per channel and product over a period from the maintained totals only: whole months from the month
 * rows, the days at either end from the day rows (at most months + 62 rows per channel and product).
 */
export async function salesBetween(scope: ShopScope, p: Period, level: 'channel' | 'product'): Promise<SalesSum[]> {
  const { tx, shopId } = scope;
  const base = () => {
    const q = tx
      .selectFrom('sales_totals')
      .select((eb) => [
        'channel',
        'product_id',
        eb.fn.sum<number>('quantity').as('quantity'),
        eb.fn.sum<number>('gross').as('gross'),
        eb.fn.sum<number>('returns').as('returns'),
        eb.fn.sum<number>('orders').as('orders'),
      ])
      .where('shop_id', '=', shopId)
      .groupBy(['channel', 'product_id']);
    return level === 'channel' ? q.where('product_id', '=', '') : q.where('product_id', '<>', '');
  };
  const fm = p.from.slice(0, 7);
  const tm = p.to.slice(0, 7);
  const parts = [];
  if (fm === tm) parts.push(base().where('grain', '=', 'd').where('period', '>=', p.from).where('period', '<=', p.to).execute());
  else {
    parts.push(base().where('grain', '=', 'd').where('period', '>=', p.from).where('period', '<=', lastDayOfMonth(fm)).execute());
    parts.push(base().where('grain', '=', 'm').where('period', '>', fm).where('period', '<', tm).execute());
    parts.push(base().where('grain', '=', 'd').where('period', '>=', `${tm}-01`).where('period', '<=', p.to).execute());
  }
  const out = new Map<string, SalesSum>();
  for (const rows of await Promise.all(parts)) {
    for (const r of rows) {
      const k = `${r.channel}|${r.product_id}`;
      const s = out.get(k) ?? { channel: r.channel, productId: r.product_id, quantity: 0, gross: 0, returns: 0, orders: 0 };
      s.quantity += Number(r.quantity);
      s.gross += Number(r.gross);
      s.returns += Number(r.returns);
      s.orders += Number(r.orders);
      out.set(k, s);
    }
  }
  return [...out.values()];
}

/** Order-level sales (all channels) per day or per month in the period, from the day and month rows. */
export async function salesPerPeriod(
  scope: ShopScope,
  p: Period,
  grain: 'd' | 'm',
): Promise<Map<string, { gross: number; returns: number; orders: number }>> {
  const { tx, shopId } = scope;
  const q = (g: 'd' | 'm', from: string, to: string) =>
    tx
      .selectFrom('sales_totals')
      .select((eb) => [
        'period',
        eb.fn.sum<number>('gross').as('gross'),
        eb.fn.sum<number>('returns').as('returns'),
        eb.fn.sum<number>('orders').as('orders'),
      ])
      .where('shop_id', '=', shopId)
      .where('product_id', '=', '')
      .where('grain', '=', g)
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy('period')
      .execute();
  const out = new Map<string, { gross: number; returns: number; orders: number }>();
  const add = (key: string, r: { gross: number | string; returns: number | string; orders: number | string }) => {
    const s = out.get(key) ?? { gross: 0, returns: 0, orders: 0 };
    s.gross += Number(r.gross);
    s.returns += Number(r.returns);
    s.orders += Number(r.orders);
    out.set(key, s);
  };
  if (grain === 'd') {
    for (const r of await q('d', p.from, p.to)) add(r.period, r);
    return out;
  }
  const fm = p.from.slice(0, 7);
  const tm = p.to.slice(0, 7);
  // Months cut by the period's ends come from their day rows; whole months from their month row.
  const whole = (m: string) => (m !== fm || p.from.endsWith('-01')) && (m !== tm || p.to === lastDayOfMonth(m));
  const partialDays = [fm, tm].filter((m, i, a) => a.indexOf(m) === i && !whole(m));
  const [months, ...days] = await Promise.all([
    q('m', fm, tm),
    ...partialDays.map((m) => q('d', m === fm ? p.from : `${m}-01`, m === tm ? p.to : lastDayOfMonth(m))),
  ]);
  for (const r of months!) if (whole(r.period)) add(r.period, r);
  for (const rows of days) for (const r of rows) add(r.period.slice(0, 7), r);
  return out;
}
