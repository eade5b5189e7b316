import { id as coreId } from './id.ts';
import { en as coreEn } from './en.ts';
import { AREAS } from './areas/index.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Core messages plus one module per area (src/i18n/areas/*.ts), so areas can grow without touching each other. */
const id: Record<string, string> = Object.assign({}, coreId, ...AREAS.map((a) => a.id));
const en: Record<string, string> = Object.assign({}, coreEn, ...AREAS.map((a) => a.en));
export type MessageKey = keyof typeof coreId;

const dictionaries: Record<Locale, Record<string, string>> = { id, en };

export function isLocale(v: unknown): v is Locale {
  return v === 'id' || v === 'en';
}

/** Translate a key; unknown keys (e.g. a message that is already text) pass through unchanged. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key] ?? id[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(dictionaries[locale]);
}

export function translator(locale: Locale) {
  return (key: MessageKey | (string & {}), params?: Record<string, string | number>) => t(locale, key, params);
}

/** Integer Rupiah shown with Intl: "Rp 25.000" in both languages (the currency's local convention). */
const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});
export function formatRupiah(amount: number): string {
  return rupiah.format(amount).replace(/\u00a0/g, ' ');
}

export function formatDateTime(iso: string, locale: Locale, timeZone = 'Asia/Makassar'): string {
  const s = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
  return `${s} ${timeZoneLabel(timeZone)}`;
}

/** A calendar day (the date part of an ISO timestamp) without a time: "2 Des 2026". */
export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}

function timeZoneLabel(tz: string): string {
  if (tz === 'Asia/Makassar') return 'WITA';
  if (tz === 'Asia/Jakarta') return 'WIB';
  if (tz === 'Asia/Jayapura') return 'WIT';
  return tz;
}
