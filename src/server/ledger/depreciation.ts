import type { ShopScope } from '../tenant/index.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry } from './post-entry.ts';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Months from a to b (YYYY-MM), b - a. */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** The month n months after (YYYY-MM); n may be negative. */
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4)),
    m = Number(month.slice(5, 7));
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Straight-line share of month number i (0-based) of an asset's life; the last month takes the rounding rest. */
export function depreciationOf(a: { cost: number; salvage: number; life_months: number }, i: number): number {
  const base = a.cost - a.salvage;
  const each = Math.floor(base / a.life_months);
  if (i < 0 || i >= a.life_months) return 0;
  return i === a.life_months - 1 ? base - each * (a.life_months - 1) : each;
}

interface AssetRow {
  id: string;
  name: string;
  cost: number;
  salvage: number;
  life_months: number;
  start_month: string;
}

/**
 * One asset's depreciation for one month (Beban Penyusutan / Akumulasi Penyusutan), keyed
 * `depreciation:<asset>:<month>` so it posts once however it is triggered. Dated `day`; a closed month's
 * posts today, marked as belonging to it.
 */
export async function depreciateMonth(scope: ShopScope, a: AssetRow, month: string, day: string, userId: string | null): Promise<number> {
  const share = depreciationOf(
    { cost: Number(a.cost), salvage: Number(a.salvage), life_months: a.life_months },
    monthsBetween(a.start_month, month),
  );
  if (share <= 0) return 0;
  const r = await postEntry(scope, {
    key: `depreciation:${a.id}:${month}`,
    source: { type: 'depreciation', id: a.id },
    day,
    correction: true,
    createdBy: userId,
    memo: `penyusutan ${a.name} ${month}`,
    lines: [
      { account: ACCOUNTS.depreciation, amount: share },
      { account: ACCOUNTS.accumulatedDepreciation, amount: -share },
    ],
  });
  return r.posted ? share : 0;
}

/**
 * Depreciation comes from events, not a batch job: each cash-book posting and each month close calls
 * this in its own transaction, and every asset still in use posts each ended month up to `through`
 * (YYYY-MM) that it has not posted yet, dated the month's last day. When nothing is due this is one read.
 */
export async function catchUpDepreciation(scope: ShopScope, through: string, userId: string | null): Promise<void> {
  const assets = await scope.tx
    .selectFrom('fixed_assets')
    .select(['id', 'name', 'cost', 'salvage', 'life_months', 'start_month', 'depreciated_through'])
    .where('shop_id', '=', scope.shopId)
    .where('stopped_at', 'is', null)
    .where('start_month', '<=', through)
    .where((eb) => eb.or([eb('depreciated_through', 'is', null), eb('depreciated_through', '<', through)]))
    .orderBy('id')
    .execute();
  for (const a of assets) {
    const end = addMonths(a.start_month, a.life_months - 1);
    const last = end < through ? end : through;
    for (let m = a.depreciated_through ? addMonths(a.depreciated_through, 1) : a.start_month; m <= last; m = addMonths(m, 1)) {
      await depreciateMonth(scope, a, m, lastDayOf(m), userId);
    }
    await scope.tx
      .updateTable('fixed_assets')
      .set({ depreciated_through: through })
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', a.id)
      .execute();
  }
}
