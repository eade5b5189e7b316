import { WEEKDAYS, parseShopProfile, type ShopProfile } from './profile.ts';
import { formatPhone } from './phone.ts';
import type { PublicShop } from '../tenant/shop-lookup.ts';

/**
 * The profile part of the settings form, without JavaScript: flat names matching the zod error paths
 * (`profile.hours.mon.open`, `profile.delivery.local.fee`…), checkboxes for booleans. A hidden
 * `profile.form` field says the section was on the page (unticked checkboxes send nothing).
 */
type Values = Record<string, unknown>;
const grouping = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

export function profileToFormValues(p: ShopProfile): Values {
  const v: Values = { 'profile.form': '1', 'profile.hoursNote': p.hoursNote };
  for (const d of WEEKDAYS) {
    const h = p.hours[d];
    v[`profile.hours.${d}.open`] = h.open;
    v[`profile.hours.${d}.close`] = h.close;
    v[`profile.hours.${d}.closed`] = h.closed ? '1' : '';
  }
  const dl = p.delivery;
  Object.assign(v, {
    'profile.delivery.pickup.enabled': dl.pickup.enabled ? '1' : '',
    'profile.delivery.pickup.note': dl.pickup.note,
    'profile.delivery.local.enabled': dl.local.enabled ? '1' : '',
    'profile.delivery.local.fee': dl.local.fee ? grouping.format(dl.local.fee) : '',
    'profile.delivery.local.area': dl.local.area,
    'profile.delivery.courier.enabled': dl.courier.enabled ? '1' : '',
    'profile.delivery.courier.note': dl.courier.note,
  });
  for (const k of ['instagram', 'facebook', 'tiktok', 'website'] as const) {
    const s = p.social[k];
    v[`profile.social.${k}`] = s && (k === 'instagram' || k === 'tiktok') ? `@${s}` : s;
  }
  return v;
}

/** The profile input (for shopProfileInput) from posted form values, or undefined when the section was not posted. */
export function profileFormToInput(values: Values): Record<string, unknown> | undefined {
  if (values['profile.form'] !== '1') return undefined;
  const s = (k: string) => (typeof values[`profile.${k}`] === 'string' ? (values[`profile.${k}`] as string) : '');
  const on = (k: string) => s(k) !== '';
  return {
    hours: Object.fromEntries(
      WEEKDAYS.map((d) => [d, { closed: on(`hours.${d}.closed`), open: s(`hours.${d}.open`), close: s(`hours.${d}.close`) }]),
    ),
    hoursNote: s('hoursNote'),
    delivery: {
      pickup: { enabled: on('delivery.pickup.enabled'), note: s('delivery.pickup.note') },
      local: { enabled: on('delivery.local.enabled'), fee: s('delivery.local.fee'), area: s('delivery.local.area') },
      courier: { enabled: on('delivery.courier.enabled'), note: s('delivery.courier.note') },
    },
    social: { instagram: s('social.instagram'), facebook: s('social.facebook'), tiktok: s('social.tiktok'), website: s('social.website') },
  };
}

/** The whole settings form as the shop stands: its fields, then the profile's. */
export function shopToFormValues(shop: PublicShop): Values {
  return {
    name: shop.name,
    slug: shop.slug,
    villageId: shop.village_id,
    whatsapp: formatPhone(shop.whatsapp),
    description: shop.description,
    address: shop.address,
    locale: shop.locale,
    ...profileToFormValues(parseShopProfile(shop.profile)),
  };
}

/** The posted settings form as the input `shopUpdateInput` parses (the profile section nested). */
export function shopFormToInput(values: Values): Values {
  return { ...values, profile: profileFormToInput(values) };
}
