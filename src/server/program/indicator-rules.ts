import { z } from 'zod';
import { Invalid } from '../errors.ts';

/** A period of whole months, YYYY-MM to YYYY-MM inclusive. */
export interface MonthRange {
  from: string;
  to: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const indicatorsQuery = z.object({
  program: z.string().min(1).optional(),
  from: z.string().regex(MONTH, { error: 'office.monthInvalid' }).optional(),
  to: z.string().regex(MONTH, { error: 'office.monthInvalid' }).optional(),
  baseFrom: z.string().regex(MONTH, { error: 'office.monthInvalid' }).optional(),
  baseTo: z.string().regex(MONTH, { error: 'office.monthInvalid' }).optional(),
});
export type IndicatorsQuery = z.output<typeof indicatorsQuery>;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(r: MonthRange): number {
  const [fy, fm] = r.from.split('-').map(Number) as [number, number];
  const [ty, tm] = r.to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function addDaysIso(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The periods compared. Default: the last three complete months against the three months before them, so a
 * partly elapsed month never reads as a drop. Both ranges must be in order; the baseline may overlap nothing in particular.
 */
export function resolvePeriods(q: IndicatorsQuery, today: string): { period: MonthRange; baseline: MonthRange } {
  const to = q.to ?? addMonths(today.slice(0, 7), -1);
  const from = q.from ?? addMonths(to, -2);
  const baseTo = q.baseTo ?? addMonths(from, -1);
  const baseFrom = q.baseFrom ?? addMonths(baseTo, -(monthsBetween({ from, to }) - 1));
  if (from > to) throw new Invalid({ from: ['office.rangeInvalid'] }, 'office.rangeInvalid');
  if (baseFrom > baseTo) throw new Invalid({ baseFrom: ['office.rangeInvalid'] }, 'office.rangeInvalid');
  if (monthsBetween({ from, to }) > 36 || monthsBetween({ from: baseFrom, to: baseTo }) > 36)
    throw new Invalid({ from: ['office.rangeTooLong'] }, 'office.rangeTooLong');
  return { period: { from, to }, baseline: { from: baseFrom, to: baseTo } };
}

/** What the readers hand the computation for one shop (all figures over the chosen period unless named). */
export interface ShopFacts {
  id: string;
  name: string;
  slug: string;
  whatsapp: string;
  villageId: string;
  village: string;
  districtId: string;
  district: string;
  programId: string;
  /** The day the shop joined the program (ISO day). */
  joined: string;
  /** Owner's choice: not shown shop by shop (still counted in every aggregate). */
  optedOut: boolean;
  /** Per channel: net sales (gross - returns), orders, orders outside the own kabupaten. */
  channels: Record<string, { net: number; orders: number; outside: number }>;
  /** Net sales over the baseline months. */
  baselineNet: number;
  /** Pre-program monthly sales the officer or owner recorded, used when the ledger has nothing in the baseline. */
  baselineEstimate: number | null;
  /** Ledger activity in each of the four weeks ending on the as-of day (index 0 = the latest week). */
  weeks: [boolean, boolean, boolean, boolean];
  brandPublishedAt: string | null;
  stockTracked: boolean;
}

export interface ShopIndicators {
  id: string;
  name: string;
  slug: string;
  village: string;
  villageId: string;
  district: string;
  districtId: string;
  /** Net sales over the period, and per month on average. */
  sales: number;
  monthlySales: number;
  /** Average monthly sales in the baseline (ledger, else the recorded estimate); null: unknown. */
  baselineMonthly: number | null;
  /** (monthly - baseline) / baseline; null without a baseline. */
  growth: number | null;
  newBrand: boolean;
  digitalBooks: boolean;
  channels: number;
  multichannel: boolean;
  orders: number;
  whatsappOrders: number;
  outsideOrders: number;
  stockTracking: boolean;
}

export function shopIndicators(f: ShopFacts, months: { period: number; baseline: number }): ShopIndicators {
  const ch = Object.values(f.channels);
  const sales = ch.reduce((n, c) => n + c.net, 0);
  const monthlySales = Math.round(sales / months.period);
  const fromLedger = f.baselineNet !== 0 ? f.baselineNet / months.baseline : null;
  const baselineMonthly = fromLedger ?? f.baselineEstimate;
  return {
    id: f.id,
    name: f.name,
    slug: f.slug,
    village: f.village,
    villageId: f.villageId,
    district: f.district,
    districtId: f.districtId,
    sales,
    monthlySales,
    baselineMonthly: baselineMonthly === null ? null : Math.round(baselineMonthly),
    growth: baselineMonthly && baselineMonthly > 0 ? (sales / months.period - baselineMonthly) / baselineMonthly : null,
    newBrand: f.brandPublishedAt !== null && f.brandPublishedAt.slice(0, 10) >= f.joined.slice(0, 10),
    digitalBooks: f.weeks.every(Boolean),
    channels: Object.values(f.channels).filter((c) => c.orders > 0).length,
    multichannel: Object.values(f.channels).filter((c) => c.orders > 0).length >= 2,
    orders: ch.reduce((n, c) => n + c.orders, 0),
    whatsappOrders: f.channels.whatsapp?.orders ?? 0,
    outsideOrders: ch.reduce((n, c) => n + c.outside, 0),
    stockTracking: f.stockTracked,
  };
}

/** The same indicators over a group of shops (a village, a kecamatan, the program). Shares are 0..1, null when nothing to divide. */
export interface GroupIndicators {
  shops: number;
  sales: number;
  baselineMonthly: number;
  monthlySales: number;
  /** Growth of the group's monthly sales over the shops that have a baseline. */
  growth: number | null;
  /** Share of shops (with a baseline) whose monthly sales grew. */
  salesUp: number | null;
  newBrand: number | null;
  digitalBooks: number | null;
  multichannel: number | null;
  orders: number;
  whatsappOrders: number;
  /** Share of orders delivered outside the shop's own kabupaten. */
  outside: number | null;
  stockTracking: number | null;
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);

export function rollUp(rows: readonly ShopIndicators[]): GroupIndicators {
  const based = rows.filter((r) => r.baselineMonthly !== null && r.baselineMonthly > 0);
  const baseSum = based.reduce((n, r) => n + r.baselineMonthly!, 0);
  const basedNow = based.reduce((n, r) => n + r.monthlySales, 0);
  const orders = rows.reduce((n, r) => n + r.orders, 0);
  return {
    shops: rows.length,
    sales: rows.reduce((n, r) => n + r.sales, 0),
    monthlySales: rows.reduce((n, r) => n + r.monthlySales, 0),
    baselineMonthly: baseSum,
    growth: baseSum > 0 ? (basedNow - baseSum) / baseSum : null,
    salesUp: share(based.filter((r) => r.growth !== null && r.growth > 0).length, based.length),
    newBrand: share(rows.filter((r) => r.newBrand).length, rows.length),
    digitalBooks: share(rows.filter((r) => r.digitalBooks).length, rows.length),
    multichannel: share(rows.filter((r) => r.multichannel).length, rows.length),
    orders,
    whatsappOrders: rows.reduce((n, r) => n + r.whatsappOrders, 0),
    outside: share(
      rows.reduce((n, r) => n + r.outsideOrders, 0),
      orders,
    ),
    stockTracking: share(rows.filter((r) => r.stockTracking).length, rows.length),
  };
}

/** Indicators a target can be set on; the first three are the program's own success indicators (seeded). */
export const TARGET_INDICATORS = [
  'branding_understanding',
  'new_packaging',
  'sales_increase',
  'digital_books',
  'multichannel',
  'new_markets',
  'stock_tracking',
] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];
export const DEFAULT_TARGETS: Partial<Record<TargetIndicator, number>> = {
  branding_understanding: 75,
  new_packaging: 50,
  sales_increase: 50,
};

export const targetsInput = z.object({
  programId: z.string().min(1),
  targets: z.array(
    z.object({
      indicator: z.enum(TARGET_INDICATORS, { error: 'validation.choice' }),
      minPercent: z.coerce.number({ error: 'office.percentInvalid' }).int({ error: 'office.percentInvalid' }).min(0).max(100).nullable(),
    }),
  ),
});

export type TargetStatus = 'green' | 'amber' | 'red' | 'nodata';

/** Met: green; within four fifths of the way: amber; below: red; no figure: grey. */
export function targetStatus(value: number | null, minPercent: number): TargetStatus {
  if (value === null) return 'nodata';
  const pct = value * 100;
  if (pct >= minPercent) return 'green';
  if (pct >= minPercent * 0.8) return 'amber';
  return 'red';
}

/** The program-level value a target is measured on (0..1), or null when there is no data (the survey side). */
export function targetValue(indicator: TargetIndicator, g: GroupIndicators, brandingUnderstanding: number | null): number | null {
  switch (indicator) {
    case 'branding_understanding':
      return brandingUnderstanding;
    case 'new_packaging':
      return g.newBrand;
    case 'sales_increase':
      return g.salesUp;
    case 'digital_books':
      return g.digitalBooks;
    case 'multichannel':
      return g.multichannel;
    case 'new_markets':
      return g.outside;
    case 'stock_tracking':
      return g.stockTracking;
  }
}

export const SORT_KEYS = [
  'name',
  'village',
  'sales',
  'growth',
  'newBrand',
  'digitalBooks',
  'channels',
  'whatsappOrders',
  'outsideOrders',
  'stockTracking',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function sortShops(rows: ShopIndicators[], key: SortKey, dir: 'asc' | 'desc'): ShopIndicators[] {
  const v = (r: ShopIndicators): string | number => {
    const x = r[key];
    return typeof x === 'boolean' ? Number(x) : x === null ? -Infinity : x;
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = v(a);
    const y = v(b);
    const c = x === y ? 0 : typeof x === 'string' ? x.localeCompare(String(y)) : x < (y as number) ? -1 : 1;
    return c !== 0 ? sign * c : a.name.localeCompare(b.name);
  });
}
