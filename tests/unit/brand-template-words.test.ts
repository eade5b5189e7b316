import { describe, expect, it } from 'vitest';
import { categoryKey, layerNameKey, TEMPLATES, templateLayerNames } from '#brand/templates/index.ts';
import { allKeys, t } from '#i18n/index.ts';
import { boundText, EMPTY_FACTS, missingFacts, MISSING_FIELD, SAMPLE_FACTS } from '#brand/facts.ts';

/** The studio's template words follow the UI language, and labels show placeholders, never invented facts. */
describe('template words in both languages', () => {
  it('every template layer name and category has a message in Indonesian and English', () => {
    const en = new Set(allKeys('en'));
    const idKeys = new Set(allKeys('id'));
    for (const name of templateLayerNames()) {
      const key = layerNameKey(name);
      expect(idKeys.has(key) && en.has(key), `${name} → ${key}`).toBe(true);
      expect(t('id', key)).toBe(name);
    }
    expect(t('en', layerNameKey('Nama usaha'))).toBe('Business name');
    for (const tpl of TEMPLATES) expect(en.has(categoryKey(tpl.category)), tpl.category).toBe(true);
  });
});

describe('label facts bound into text', () => {
  it('a missing mandatory fact is a marked placeholder; a missing tagline is empty, never the sample', () => {
    expect(boundText('registration', EMPTY_FACTS)).toEqual({ text: '[nomor P-IRT]', placeholder: true });
    expect(boundText('registration', { ...EMPTY_FACTS, registrationKind: 'bpom_md' })!.text).toBe('[nomor BPOM MD]');
    expect(boundText('composition', EMPTY_FACTS)).toEqual({ text: '[komposisi]', placeholder: true });
    expect(boundText('expiry', EMPTY_FACTS)).toEqual({ text: '[tanggal kedaluwarsa]', placeholder: true });
    expect(boundText('tagline', EMPTY_FACTS)).toEqual({ text: '', placeholder: false });
    expect(boundText('expiry', SAMPLE_FACTS)).toEqual({ text: 'Baik digunakan sebelum 30 Des 2026', placeholder: false });
    expect(boundText('qr', SAMPLE_FACTS)).toBeNull();
  });
  it('every missing fact links to a field of the facts form', () => {
    for (const k of missingFacts(EMPTY_FACTS)) expect(MISSING_FIELD[k], k).toBeTruthy();
  });
});
