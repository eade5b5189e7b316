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

/** The period of the same length just before `p` (growth "against the previous period"). */
export function previousPeriod(p: Period): Period {
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
