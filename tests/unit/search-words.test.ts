import { describe, expect, it } from 'vitest';
import { matchesSearch, normaliseWord, searchWords } from '#server/catalog/search-words.ts';

const finds = (query: string, text: string) => matchesSearch(searchWords(query), searchWords(text));

describe('search word normaliser', () => {
  it('lowercases, strips diacritics and splits on anything that is not a letter or digit', () => {
    expect(searchWords('Kué  Bolu-Pandan (isi 10)')).toEqual(['kue', 'bolu', 'pandan', 'isi', '10']);
  });

  it('maps colloquial spellings and chat abbreviations to one form', () => {
    expect(['telor', 'kripik', 'sambel', 'kupi', 'cabe', 'tdk', 'bks'].map(normaliseWord)).toEqual([
      'telur',
      'keripik',
      'sambal',
      'kopi',
      'cabai',
      'tidak',
      'bungkus',
    ]);
  });

  it('folds repeated letters, old spelling and the reduplication digit', () => {
    expect(normaliseWord('kopiii')).toBe('kopi');
    expect(normaliseWord('tjabe')).toBe('cabai');
    expect(normaliseWord('soerabaja')).toBe('surabaja');
    expect(normaliseWord('kue2')).toBe('kue');
    expect(normaliseWord('1000')).toBe('1000');
  });

  it('finds by variant, prefix and one typo in longer words, and not otherwise', () => {
    expect(finds('telor', 'Telur Asin Bakar isi 10')).toBe(true);
    expect(finds('TELOR asin', 'Telur Asin Bakar isi 10')).toBe(true);
    expect(finds('kripik pisang', 'Keripik Pisang Pedas')).toBe(true);
    expect(finds('sambel', 'Sambal Roa')).toBe(true);
    expect(finds('telu', 'Telur Asin')).toBe(true);
    expect(finds('pandn', 'Kue Bolu Pandan')).toBe(true);
    expect(finds('bolu', 'Telur Asin Bakar')).toBe(false);
    expect(finds('telor roti', 'Telur Asin')).toBe(false);
    // Short words need the exact letters: one edit away from "asin" is too loose.
    expect(finds('asam', 'Telur Asin')).toBe(false);
  });
});
