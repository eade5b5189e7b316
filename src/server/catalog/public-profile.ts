import { formatRupiah, t, type Locale } from '#i18n/index.ts';
import { parseShopProfile, socialLinks, WEEKDAYS, type DayHours } from '../shops/profile.ts';

/**
 * The shop profile (src/server/shops/profile.ts) as lines of text for the public pages: opening hours with
 * runs of equal days folded ("Senin–Jumat: 08:00–17:00"), the delivery options the shop offers, and its
 * social links (https only, built by socialLinks). Days without hours are left out.
 */
export interface PublicProfile {
  hours: string[];
  delivery: string[];
  social: { label: string; url: string }[];
}

function dayText(d: DayHours, locale: Locale): string | null {
  if (d.closed) return t(locale, 'profile.dayClosed');
  if (d.open && d.close) return `${d.open}–${d.close}`;
  return null;
}

export function publicProfile(raw: unknown, locale: Locale): PublicProfile {
  const p = parseShopProfile(raw);
  const hours: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const text = dayText(p.hours[WEEKDAYS[i]!], locale);
    let j = i;
    while (j + 1 < WEEKDAYS.length && dayText(p.hours[WEEKDAYS[j + 1]!], locale) === text) j++;
    if (text) {
      const from = t(locale, `profile.day.${WEEKDAYS[i]}`);
      const days = j > i ? `${from}–${t(locale, `profile.day.${WEEKDAYS[j]}`)}` : from;
      hours.push(`${days}: ${text}`);
    }
    i = j + 1;
  }
  if (p.hoursNote) hours.push(p.hoursNote);

  const d = p.delivery;
  const delivery: string[] = [];
  const withNote = (label: string, ...notes: string[]) => [label, ...notes.filter(Boolean)].join(' · ');
  if (d.pickup.enabled) delivery.push(withNote(t(locale, 'delivery.pickup'), d.pickup.note));
  if (d.local.enabled) delivery.push(withNote(t(locale, 'delivery.local'), d.local.fee > 0 ? formatRupiah(d.local.fee) : '', d.local.area));
  if (d.courier.enabled) delivery.push(withNote(t(locale, 'delivery.courier'), d.courier.note));

  return { hours, delivery, social: socialLinks(p).map((s) => ({ label: s.label, url: s.url })) };
}
