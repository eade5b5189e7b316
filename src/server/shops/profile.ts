import { z } from 'zod';
import { optionalRupiahField } from '../catalog/money.ts';
import type { DeliveryMethod } from '../db/schema.ts';

/**
 * The shop's public profile, stored as JSON in shops.profile: opening hours, delivery options and social
 * links. The storefront and checkout read it only through parseShopProfile, which never throws and fills
 * safe defaults for old rows (`{}`), missing sections and sections that no longer validate.
 * (The "about" text, address and village are the shop's own columns: description, address, village_id.)
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeField = z
  .string()
  .trim()
  .refine((v) => v === '' || TIME.test(v), { error: 'profile.timeFormat' });

/** One weekday: closed, or open from `open` to `close` (HH:MM, same day). Both empty and not closed = not set. */
const daySchema = z
  .object({
    closed: z.boolean().default(false),
    open: timeField.default(''),
    close: timeField.default(''),
  })
  .superRefine((d, ctx) => {
    if (d.closed) return;
    if (d.open === '' && d.close === '') return;
    if ((d.open && !TIME.test(d.open)) || (d.close && !TIME.test(d.close))) return; // already reported by timeField
    if (d.open === '' || d.close === '') {
      ctx.addIssue({ code: 'custom', message: 'profile.timeBoth', path: [d.open === '' ? 'open' : 'close'] });
    } else if (d.close <= d.open) {
      ctx.addIssue({ code: 'custom', message: 'profile.closeAfterOpen', path: ['close'] });
    }
  });
export type DayHours = z.output<typeof daySchema>;

const EMPTY_DAY: DayHours = { closed: false, open: '', close: '' };
const hoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, daySchema.default(EMPTY_DAY)])) as Record<Weekday, z.ZodDefault<typeof daySchema>>,
);
export type OpeningHours = Record<Weekday, DayHours>;

const note = z.string().trim().max(200).default('');

const deliverySchema = z
  .object({
    pickup: z.object({ enabled: z.boolean().default(true), note }).default({ enabled: true, note: '' }),
    local: z
      .object({
        enabled: z.boolean().default(false),
        fee: optionalRupiahField.transform((v) => v ?? 0),
        area: note,
      })
      .default({ enabled: false, fee: 0, area: '' }),
    courier: z.object({ enabled: z.boolean().default(false), note }).default({ enabled: false, note: '' }),
  })
  .superRefine((d, ctx) => {
    if (!d.pickup.enabled && !d.local.enabled && !d.courier.enabled) {
      ctx.addIssue({ code: 'custom', message: 'profile.deliveryNone', path: ['pickup', 'enabled'] });
    }
  });
export type DeliveryOptions = z.output<typeof deliverySchema>;

/* Social links: a handle or an https URL on the platform's own domain, normalised to what we store. */
type SocialKind = 'instagram' | 'facebook' | 'tiktok' | 'website';
const PLATFORM_HOSTS: Record<Exclude<SocialKind, 'website'>, string[]> = {
  instagram: ['instagram.com', 'www.instagram.com'],
  facebook: ['facebook.com', 'www.facebook.com', 'm.facebook.com', 'web.facebook.com', 'fb.com'],
  tiktok: ['tiktok.com', 'www.tiktok.com'],
};
const HANDLE: Record<Exclude<SocialKind, 'website'>, RegExp> = {
  instagram: /^[A-Za-z0-9._]{1,30}$/,
  facebook: /^[A-Za-z0-9.]{3,50}$/,
  tiktok: /^[A-Za-z0-9._]{2,24}$/,
};

function httpsUrl(value: string): URL | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || !u.hostname.includes('.')) return null;
  return u;
}

/** Normalise a social link: '' stays '', a handle loses its @, a platform URL becomes its handle when it has one. */
export function normaliseSocial(kind: SocialKind, raw: string): string | null {
  const v = raw.trim();
  if (v === '') return '';
  if (v.length > 200) return null;
  if (kind === 'website') {
    const u = httpsUrl(/^[a-z]+:/i.test(v) ? v : `https://${v}`);
    return u ? u.href : null;
  }
  const handle = v.replace(/^@/, '');
  if (HANDLE[kind].test(handle) && !handle.includes('..')) return handle;
  const u = httpsUrl(/^https?:/i.test(v) ? v : `https://${v}`);
  if (!u || !PLATFORM_HOSTS[kind].includes(u.hostname.toLowerCase())) return null;
  const first = u.pathname.split('/').filter(Boolean)[0] ?? '';
  const fromPath = first.replace(/^@/, '');
  if (HANDLE[kind].test(fromPath) && u.pathname.split('/').filter(Boolean).length === 1 && !u.search && fromPath !== 'profile.php')
    return fromPath;
  // Facebook pages are often only reachable as profile.php?id=…; keep the https URL as given.
  if (kind === 'facebook' && u.pathname !== '/') return u.href;
  return null;
}

const socialField = (kind: SocialKind) =>
  z
    .string()
    .default('')
    .transform((v, ctx) => {
      const n = normaliseSocial(kind, v);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: `profile.${kind}Invalid` });
        return z.NEVER;
      }
      return n;
    });
const socialSchema = z.object({
  instagram: socialField('instagram'),
  facebook: socialField('facebook'),
  tiktok: socialField('tiktok'),
  website: socialField('website'),
});
export type SocialLinks = z.output<typeof socialSchema>;

/** What the owner may send (form or PATCH /api/v1/shops/{shop} `profile`): each section given replaces that section. */
export const shopProfileInput = z.object({
  hours: hoursSchema.optional(),
  hoursNote: z.string().trim().max(300).optional(),
  delivery: deliverySchema.optional(),
  social: socialSchema.optional(),
});
export type ShopProfileInput = z.output<typeof shopProfileInput>;

export interface ShopProfile {
  hours: OpeningHours;
  hoursNote: string;
  delivery: DeliveryOptions;
  social: SocialLinks;
}

export function defaultShopProfile(): ShopProfile {
  return {
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, { ...EMPTY_DAY }])) as OpeningHours,
    hoursNote: '',
    delivery: { pickup: { enabled: true, note: '' }, local: { enabled: false, fee: 0, area: '' }, courier: { enabled: false, note: '' } },
    social: { instagram: '', facebook: '', tiktok: '', website: '' },
  };
}

/**
 * Read shops.profile (JSON text or an already-parsed object). Never throws: unreadable JSON gives the
 * defaults, and each section (each weekday) that fails validation falls back on its own default.
 */
export function parseShopProfile(raw: unknown): ShopProfile {
  let data: unknown = raw;
  if (typeof raw === 'string') {
    try {
      data = JSON.parse(raw);
    } catch {
      data = {};
    }
  }
  const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const out = defaultShopProfile();
  const hours = (obj.hours && typeof obj.hours === 'object' ? obj.hours : {}) as Record<string, unknown>;
  for (const d of WEEKDAYS) {
    const r = daySchema.safeParse(hours[d] ?? {});
    if (r.success) out.hours[d] = r.data;
  }
  const note = z.string().max(300).safeParse(obj.hoursNote);
  if (note.success) out.hoursNote = note.data;
  const delivery = deliverySchema.safeParse(obj.delivery ?? {});
  if (delivery.success) out.delivery = delivery.data;
  const social = socialSchema.safeParse(obj.social ?? {});
  if (social.success) out.social = social.data;
  return out;
}

/** Merge an owner's input into the stored profile (section by section) and return the JSON to store. */
export function mergeShopProfile(current: unknown, input: ShopProfileInput): string {
  const p = parseShopProfile(current);
  const next: ShopProfile = {
    hours: input.hours ?? p.hours,
    hoursNote: input.hoursNote ?? p.hoursNote,
    delivery: input.delivery ?? p.delivery,
    social: input.social ?? p.social,
  };
  return JSON.stringify(next);
}

/** True when at least one weekday has hours or is marked closed. */
export function hasOpeningHours(p: ShopProfile): boolean {
  return WEEKDAYS.some((d) => p.hours[d].closed || p.hours[d].open !== '');
}

/** The delivery methods a buyer may choose, with their fee in Rupiah (null = agreed per order, e.g. courier). */
export function deliveryChoices(p: ShopProfile): { method: DeliveryMethod; fee: number | null; note: string }[] {
  const out: { method: DeliveryMethod; fee: number | null; note: string }[] = [];
  if (p.delivery.pickup.enabled) out.push({ method: 'pickup', fee: 0, note: p.delivery.pickup.note });
  if (p.delivery.local.enabled) out.push({ method: 'local', fee: p.delivery.local.fee, note: p.delivery.local.area });
  if (p.delivery.courier.enabled) out.push({ method: 'courier', fee: null, note: p.delivery.courier.note });
  return out;
}

/** Social links as ready-made https links (shown as links only; the server never fetches them). */
export function socialLinks(p: ShopProfile): { kind: SocialKind; url: string; label: string }[] {
  const out: { kind: SocialKind; url: string; label: string }[] = [];
  const s = p.social;
  const isUrl = (v: string) => v.startsWith('https://');
  if (s.instagram)
    out.push({ kind: 'instagram', url: `https://www.instagram.com/${encodeURIComponent(s.instagram)}/`, label: `@${s.instagram}` });
  if (s.facebook)
    out.push({
      kind: 'facebook',
      url: isUrl(s.facebook) ? s.facebook : `https://www.facebook.com/${encodeURIComponent(s.facebook)}`,
      label: isUrl(s.facebook) ? 'Facebook' : s.facebook,
    });
  if (s.tiktok) out.push({ kind: 'tiktok', url: `https://www.tiktok.com/@${encodeURIComponent(s.tiktok)}`, label: `@${s.tiktok}` });
  if (s.website) out.push({ kind: 'website', url: s.website, label: new URL(s.website).host });
  return out;
}
