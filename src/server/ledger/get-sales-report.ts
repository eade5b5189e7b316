import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { requireCapability } from './require-capability.ts';
import { salesBetween, salesPerPeriod, type SalesSum } from './sales-read.ts';
import { addDays, checkPeriod, daysIn, growth, previousPeriod, weekStart, type Period } from './report-period.ts';

export type SalesGrouping = 'day' | 'week' | 'month';

/** Goods sold (order subtotals at delivery, delivery fees excluded), returns after delivery, and the net. */
export interface SalesFigures {
  gross: number;
  returns: number;
  net: number;
  orders: number;
}
export interface SalesComparison {
  previous: number;
  growth: number | null;
  baseline: number | null;
  baselineGrowth: number | null;
}
export interface SalesReport {
  period: Period;
  previousPeriod: Period;
  baselinePeriod: Period | null;
  groupBy: SalesGrouping;
  total: SalesFigures & SalesComparison;
  /** Chart points: the first day of each day, week (Monday) or month, every one of the period, zero when nothing sold. */
  series: ({ start: string } & SalesFigures)[];
  byChannel: ({ channel: string } & SalesFigures & SalesComparison)[];
  /** Goods sold per product (returns are recorded per order, not per product). */
  byProduct: {
    productId: string;
    name: string;
    quantity: number;
    gross: number;
    previous: number;
    growth: number | null;
    baseline: number | null;
    baselineGrowth: number | null;
  }[];
}

const MAX_POINTS = 800;

function figures(rows: SalesSum[]): SalesFigures {
  const gross = rows.reduce((s, r) => s + r.gross, 0);
  const returns = rows.reduce((s, r) => s + r.returns, 0);
  return { gross, returns, net: gross - returns, orders: rows.reduce((s, r) => s + r.orders, 0) };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

/**
 * Sales by channel, by product and per day, week or month for any period (the program's time zone), with
 * growth against the period just before and against a chosen baseline period. Reads the sales totals
 * maintained with each posting only. Staff may see it: it holds no cost and no profit.
 */
export async function getSalesReport(opts: {
  shopId: string;
  role: Role;
  from: string;
  to: string;
  groupBy: SalesGrouping;
  baseline?: Period | null;
}): Promise<SalesReport> {
  requireCapability(opts.role, 'orders.manage');
  const period = checkPeriod(opts);
  const baselinePeriod = opts.baseline ? checkPeriod(opts.baseline, 'baseline.') : null;
  if (!['day', 'week', 'month'].includes(opts.groupBy)) throw new Invalid({ groupBy: ['reports.groupByInvalid'] });
  const points = opts.groupBy === 'day' ? daysIn(period) : opts.groupBy === 'week' ? daysIn(period) / 7 : daysIn(period) / 28;
  if (points > MAX_POINTS) throw new Invalid({ groupBy: ['reports.tooManyPoints'] });
  const prev = previousPeriod(period);
  return inShop(opts.shopId, async (scope) => {
    const [cur, before, base, curP, beforeP, baseP, perPeriod] = await Promise.all([
      salesBetween(scope, period, 'channel'),
      salesBetween(scope, prev, 'channel'),
      baselinePeriod ? salesBetween(scope, baselinePeriod, 'channel') : null,
      salesBetween(scope, period, 'product'),
      salesBetween(scope, prev, 'product'),
      baselinePeriod ? salesBetween(scope, baselinePeriod, 'product') : null,
      salesPerPeriod(scope, period, opts.groupBy === 'month' ? 'm' : 'd'),
    ]);
    const compare = (net: number, prevRows: SalesSum[], baseRows: SalesSum[] | null): SalesComparison => {
      const previous = figures(prevRows).net;
      const baseline = baseRows ? figures(baseRows).net : null;
      return { previous, growth: growth(net, previous), baseline, baselineGrowth: baseline === null ? null : growth(net, baseline) };
    };
    const total = figures(cur);
    const curBy = groupBy(cur, (r) => r.channel);
    const prevBy = groupBy(before, (r) => r.channel);
    const baseBy = base ? groupBy(base, (r) => r.channel) : null;
    const channels = [...new Set([...curBy.keys(), ...prevBy.keys(), ...(baseBy?.keys() ?? [])])].sort();
    const byChannel = channels
      .map((channel) => {
        const f = figures(curBy.get(channel) ?? []);
        return { channel, ...f, ...compare(f.net, prevBy.get(channel) ?? [], baseBy ? (baseBy.get(channel) ?? []) : null) };
      })
      .sort((a, b) => b.net - a.net || a.channel.localeCompare(b.channel));

    const sumProduct = (rows: SalesSum[] | null) => {
      const m = new Map<string, { quantity: number; gross: number }>();
      for (const r of rows ?? []) {
        const s = m.get(r.productId) ?? { quantity: 0, gross: 0 };
        s.quantity += r.quantity;
        s.gross += r.gross;
        m.set(r.productId, s);
      }
      return m;
    };
    const pc = sumProduct(curP);
    const pp = sumProduct(beforeP);
    const pb = baseP ? sumProduct(baseP) : null;
    const ids = [...new Set([...pc.keys(), ...pp.keys(), ...(pb?.keys() ?? [])])];
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await scope.tx
        .selectFrom('products')
        .select(['id', 'name'])
        .where('shop_id', '=', scope.shopId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) names.set(r.id, r.name);
    }
    const byProduct = ids
      .map((productId) => {
        const c = pc.get(productId) ?? { quantity: 0, gross: 0 };
        const previous = pp.get(productId)?.gross ?? 0;
        const baseline = pb ? (pb.get(productId)?.gross ?? 0) : null;
        return {
          productId,
          name: names.get(productId) ?? '',
          quantity: c.quantity,
          gross: c.gross,
          previous,
          growth: growth(c.gross, previous),
          baseline,
          baselineGrowth: baseline === null ? null : growth(c.gross, baseline),
        };
      })
      .sort((a, b) => b.gross - a.gross || a.name.localeCompare(b.name));

    const series: SalesReport['series'] = [];
    const bucket = (day: string) => (opts.groupBy === 'day' ? day : opts.groupBy === 'week' ? weekStart(day) : day.slice(0, 7));
    const slots = new Map<string, { start: string } & SalesFigures>();
    const slot = (key: string, start: string) => {
      const f = { start, gross: 0, returns: 0, net: 0, orders: 0 };
      slots.set(key, f);
      series.push(f);
    };
    if (opts.groupBy === 'day') for (let d = period.from; d <= period.to; d = addDays(d, 1)) slot(d, d);
    else if (opts.groupBy === 'week') for (let w = weekStart(period.from); w <= period.to; w = addDays(w, 7)) slot(w, w);
    else for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); m = nextMonth(m)) slot(m, `${m}-01`);
    for (const [p, f] of perPeriod) {
      const s = slots.get(opts.groupBy === 'month' ? p : bucket(p));
      if (!s) continue;
      s.gross += f.gross;
      s.returns += f.returns;
      s.orders += f.orders;
      s.net = s.gross - s.returns;
    }
    return {
      period,
      previousPeriod: prev,
      baselinePeriod,
      groupBy: opts.groupBy,
      total: { ...total, ...compare(total.net, before, base) },
      series,
      byChannel,
      byProduct,
    };
  });
}

/** The month after YYYY-MM. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 1)).toISOString().slice(0, 7);
}
