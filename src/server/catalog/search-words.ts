/**
 * The words of a catalog search, normalised the same way on both sides (what the buyer typed and what the
 * product says), so spelling differences common in Indonesian shopping chats still match: case, diacritics,
 * repeated letters ("kopiii"), old spelling (tj/dj/oe), colloquial variants ("telor", "sambel") and chat
 * abbreviations ("tdk", "bks").
 */

/** Colloquial or regional spelling → the form products are usually listed under (keys already folded). */
export const WORD_VARIANTS: Readonly<Record<string, string>> = {
  telor: 'telur',
  kripik: 'keripik',
  kripk: 'keripik',
  krupuk: 'kerupuk',
  kerupk: 'kerupuk',
  sambel: 'sambal',
  cabe: 'cabai',
  cabay: 'cabai',
  kupi: 'kopi',
  kofi: 'kopi',
  coklat: 'cokelat',
  sirop: 'sirup',
  trasi: 'terasi',
  baso: 'bakso',
  kueh: 'kue',
  kwe: 'kue',
  risol: 'risoles',
  tempeh: 'tempe',
  mentimun: 'timun',
  ketimun: 'timun',
  // Chat abbreviations.
  tdk: 'tidak',
  yg: 'yang',
  dgn: 'dengan',
  utk: 'untuk',
  bks: 'bungkus',
  bgks: 'bungkus',
  pck: 'pak',
  pack: 'pak',
  btl: 'botol',
  bh: 'buah',
  gr: 'gram',
  grm: 'gram',
  kilo: 'kg',
  pdas: 'pedas',
  pedes: 'pedas',
};

/** Lowercase, diacritics and marks removed (NFKD), so "Kué" and "kue" are one word. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** One word (already folded, letters and digits only) in its normal form. */
export function normaliseWord(word: string): string {
  const w = word
    .replace(/tj/g, 'c')
    .replace(/dj/g, 'j')
    .replace(/oe/g, 'u')
    .replace(/([a-z])\1+/g, '$1')
    // "kue2" is how chats write the reduplicated "kue-kue".
    .replace(/^([a-z]{2,})2$/, '$1');
  return WORD_VARIANTS[w] ?? w;
}

/** The normalised words of a text, in order (duplicates kept; "kue-kue" gives two). */
export function searchWords(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(normaliseWord);
}

/** At most one letter inserted, removed or changed (a typo), for words long enough that this stays specific. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const TYPO_MIN_LENGTH = 5;

/**
 * Whether every query word is found in the text's words: as the start of a word ("telu" finds "telur"),
 * inside a longer word ("asin" in "telurasin"), or, for words of five letters or more, one typo away.
 */
export function matchesSearch(queryWords: string[], textWords: string[]): boolean {
  if (!queryWords.length) return true;
  const joined = ` ${textWords.join(' ')} `;
  return queryWords.every(
    (q) => joined.includes(q) || (q.length >= TYPO_MIN_LENGTH && textWords.some((w) => w.length >= TYPO_MIN_LENGTH && oneEditApart(q, w))),
  );
}
