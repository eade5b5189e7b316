import { describe, expect, it } from 'vitest';
import { id } from '#i18n/id.ts';
import { en } from '#i18n/en.ts';
import { allKeys, formatDateTime, formatRupiah, t } from '#i18n/index.ts';
import { AREAS } from '#i18n/areas/index.ts';

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toBe('');
    for (const area of AREAS) {
      expect(Object.keys(area.en).sort()).toEqual(Object.keys(area.id).sort());
      for (const [k, v] of Object.entries(area.en)) expect(v, k).not.toBe('');
    }
    expect(allKeys('en').sort()).toEqual(allKeys('id').sort());
  });
  it('formats integer Rupiah with Intl', () => {
    expect(formatRupiah(25000)).toBe('Rp 25.000');
    expect(formatRupiah(1250)).toBe('Rp 1.250');
    expect(formatRupiah(0)).toBe('Rp 0');
  });
  it('shows times in WITA by default', () => {
    expect(formatDateTime('2026-11-28T00:30:00.000Z', 'id')).toMatch(/08[.:]30 WITA$/);
  });
  it('fills placeholders', () => {
    expect(t('id', 'error.tooMany', { seconds: 30 })).toContain('30 detik');
    expect(t('en', 'error.tooMany', { seconds: 30 })).toContain('30 seconds');
  });
});
