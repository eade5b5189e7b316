import { describe, expect, it } from 'vitest';
import {
  defaultShopProfile,
  deliveryChoices,
  hasOpeningHours,
  mergeShopProfile,
  normaliseSocial,
  parseShopProfile,
  shopProfileInput,
  socialLinks,
} from '#server/shops/profile.ts';
import { shopUpdateInput } from '#server/shops/schemas.ts';
import { profileFormToInput, profileToFormValues } from '#server/shops/profile-form.ts';

describe('shop profile', () => {
  it('gives safe defaults for old rows and unreadable JSON', () => {
    for (const raw of ['{}', '', 'not json', null, undefined, '[]', '{"hours": 5, "delivery": "x"}']) {
      const p = parseShopProfile(raw);
      expect(p, String(raw)).toEqual(defaultShopProfile());
      expect(deliveryChoices(p)).toEqual([{ method: 'pickup', fee: 0, note: '' }]);
      expect(hasOpeningHours(p)).toBe(false);
    }
  });

  it('keeps valid sections and replaces only the broken ones', () => {
    const p = parseShopProfile(
      JSON.stringify({
        hours: { mon: { closed: false, open: '08:00', close: '17:00' }, tue: { open: '25:00', close: '17:00' }, sun: { closed: true } },
        delivery: { pickup: { enabled: false }, local: { enabled: true, fee: 10000, area: 'Bontomarannu' } },
        social: { instagram: 'javascript:alert(1)' },
      }),
    );
    expect(p.hours.mon).toEqual({ closed: false, open: '08:00', close: '17:00' });
    expect(p.hours.tue).toEqual({ closed: false, open: '', close: '' });
    expect(p.hours.sun.closed).toBe(true);
    expect(deliveryChoices(p)).toEqual([{ method: 'local', fee: 10000, note: 'Bontomarannu' }]);
    expect(p.social).toEqual(defaultShopProfile().social);
  });

  it('validates hours, delivery and social links with message keys', () => {
    const issues = (data: unknown) => shopProfileInput.safeParse(data).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];
    expect(issues({ hours: { mon: { open: '17:00', close: '08:00' } } })).toEqual(['hours.mon.close:profile.closeAfterOpen']);
    expect(issues({ hours: { mon: { open: '8 pagi', close: '17:00' } } })).toEqual(['hours.mon.open:profile.timeFormat']);
    expect(issues({ hours: { mon: { open: '08:00', close: '' } } })).toEqual(['hours.mon.close:profile.timeBoth']);
    expect(issues({ hours: { mon: { closed: true, open: '', close: '' } } })).toEqual([]);
    expect(issues({ delivery: { pickup: { enabled: false }, local: { enabled: false }, courier: { enabled: false } } })).toEqual([
      'delivery.pickup.enabled:profile.deliveryNone',
    ]);
    expect(issues({ delivery: { local: { enabled: true, fee: '-10.000' } } })).toEqual(['delivery.local.fee:catalog.rupiahNegative']);
    expect(issues({ social: { website: 'http://toko.example' } })).toEqual(['social.website:profile.websiteInvalid']);
    expect(issues({ social: { website: 'javascript:alert(1)' } })).toEqual(['social.website:profile.websiteInvalid']);
    expect(issues({ social: { instagram: 'https://evil.example/hk05' } })).toEqual(['social.instagram:profile.instagramInvalid']);
    expect(issues({ social: { tiktok: '<script>' } })).toEqual(['social.tiktok:profile.tiktokInvalid']);
    const ok = shopProfileInput.parse({ delivery: { local: { enabled: true, fee: 'Rp 10.000' } } });
    expect(ok.delivery!.local).toEqual({ enabled: true, fee: 10000, area: '' });
  });

  it('normalises handles and platform URLs; builds https links only', () => {
    expect(normaliseSocial('instagram', '@hk05.telurasinbakar')).toBe('hk05.telurasinbakar');
    expect(normaliseSocial('instagram', 'https://www.instagram.com/hk05.telurasinbakar/')).toBe('hk05.telurasinbakar');
    expect(normaliseSocial('instagram', 'instagram.com/hk05')).toBe('hk05');
    expect(normaliseSocial('tiktok', 'https://www.tiktok.com/@hk05toko')).toBe('hk05toko');
    expect(normaliseSocial('facebook', 'https://www.facebook.com/profile.php?id=1000123')).toBe(
      'https://www.facebook.com/profile.php?id=1000123',
    );
    expect(normaliseSocial('facebook', 'https://user:pw@facebook.com/x')).toBeNull();
    expect(normaliseSocial('website', 'toko-hk05.id')).toBe('https://toko-hk05.id/');
    expect(normaliseSocial('website', 'https://localhost')).toBeNull();
    const p = parseShopProfile(
      mergeShopProfile(
        '{}',
        shopProfileInput.parse({ social: { instagram: '@hk05.x', tiktok: 'hk05', website: 'https://hk05.example/toko' } }),
      ),
    );
    expect(socialLinks(p)).toEqual([
      { kind: 'instagram', url: 'https://www.instagram.com/hk05.x/', label: '@hk05.x' },
      { kind: 'tiktok', url: 'https://www.tiktok.com/@hk05', label: '@hk05' },
      { kind: 'website', url: 'https://hk05.example/toko', label: 'hk05.example' },
    ]);
  });

  it('merges section by section and round-trips through the settings form', () => {
    const stored = mergeShopProfile('{}', shopProfileInput.parse({ hoursNote: 'Tutup saat Jumatan', social: { instagram: 'hk05' } }));
    const again = parseShopProfile(
      mergeShopProfile(stored, shopProfileInput.parse({ delivery: { courier: { enabled: true, note: 'JNE' } } })),
    );
    expect(again.hoursNote).toBe('Tutup saat Jumatan');
    expect(again.social.instagram).toBe('hk05');
    expect(again.delivery.courier).toEqual({ enabled: true, note: 'JNE' });
    const form = profileToFormValues(again);
    expect(form['profile.social.instagram']).toBe('@hk05');
    const back = shopProfileInput.parse(profileFormToInput(form));
    expect(parseShopProfile(mergeShopProfile('{}', back))).toEqual(again);
    expect(profileFormToInput({ name: 'x' })).toBeUndefined();
  });

  it('a shop PATCH of one field does not clear the others', () => {
    expect(shopUpdateInput.parse({ name: 'Nama Baru' })).toEqual({ name: 'Nama Baru' });
    expect(shopUpdateInput.parse({ profile: { hoursNote: 'x' } })).toEqual({ profile: { hoursNote: 'x' } });
  });
});
