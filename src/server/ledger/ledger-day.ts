import type { ShopScope } from '../tenant/index.ts';
import { currentTime } from '../clock.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
const zones = new Map<string, { tz: string; at: number }>();
/** A program's time zone changes rarely (program settings); a minute's staleness only shifts the day of an entry at midnight. */
const ZONE_TTL_MS = 60_000;

/** YYYY-MM-DD of an instant in a time zone (en-CA formats dates as ISO). */
export function dayIn(timeZone: string, at: Date): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/** The time zone the shop's program keeps its books in (reports' periods and each entry's day). */
export async function shopTimeZone(scope: ShopScope): Promise<string> {
  const hit = zones.get(scope.shopId);
  if (hit && Date.now() - hit.at < ZONE_TTL_MS) return hit.tz;
  const row = await scope.tx
    .selectFrom('shops')
    .innerJoin('programs', 'programs.id', 'shops.program_id')
    .select('programs.timezone')
    .where('shops.id', '=', scope.shopId)
    .executeTakeFirst();
  const tz = row?.timezone ?? 'Asia/Makassar';
  zones.set(scope.shopId, { tz, at: Date.now() });
  return tz;
}

export async function shopDay(scope: ShopScope, at?: Date | string): Promise<string> {
  return dayIn(await shopTimeZone(scope), at === undefined ? currentTime() : new Date(at));
}
