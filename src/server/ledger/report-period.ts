import { Invalid } from '../errors.ts';
import { checkDay } from './period-totals.ts';

/** Periods of reports: inclusive YYYY-MM-DD days of the program's time zone, computed as UTC calendar days. */
export interface Period {
  from: string;
  to: string;
}

const MS_DAY = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => new Date(ms(day) + n * MS_DAY).toISOString().slice(0, 10);
export const daysIn = (p: Period) => Math.round((ms(p.to) - ms(p.from)) / MS_DAY) + 1;

export function checkPeriod(p: Period, prefix = ''): Period {
  const from = checkDay(`${prefix}from`, p.from);
  const to = checkDay(`${prefix}to`, p.to);
  if (from > to) throw new Invalid({ [`${prefix}from`]: ['ledger.periodInvalid'] });
  return { from, to };
}

const monthOf = (day: string) => day.slice(0, 7);
/** The first day of the month `n` months after `month` (YYYY-MM; n may be negative). */
function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 + n, 1)).toISOString().slice(0, 10);
}

/**
 * The period "growth against the previous period" compares with. Whole calendar months compare with as many
 * whole months before (November with October, not with the 30 days before it); a month so far (the 1st to a day
 * of the same month) with the same days of the month before, cut at its end; any other period with the days of
 * the same length just before it.
 */
export function previousPeriod(p: Period): Period {
  if (p.from.endsWith('-01')) {
    if (p.to === lastDayOfMonth(monthOf(p.to))) {
      const months =
        (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 + Number(p.to.slice(5, 7)) - Number(p.from.slice(5, 7)) + 1;
      return { from: shiftMonth(monthOf(p.from), -months), to: addDays(p.from, -1) };
    }
    if (monthOf(p.to) === monthOf(p.from)) {
      const from = shiftMonth(monthOf(p.from), -1);
      const end = lastDayOfMonth(monthOf(from));
      const to = `${monthOf(from)}-${p.to.slice(8)}`;
      return { from, to: to > end ? end : to };
    }
  }
  return { from: addDays(p.from, -daysIn(p)), to: addDays(p.from, -1) };
}

/** Monday of the ISO week a day falls in. */
export function weekStart(day: string): string {
  const dow = (new Date(ms(day)).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** Growth of `current` over `base` as a ratio (0.25 = +25%); null when there is nothing to compare with. */
export function growth(current: number, base: number): number | null {
  return base === 0 ? null : (current - base) / base;
}
