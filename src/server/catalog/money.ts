import { z } from 'zod';

/** Highest amount accepted for one price or cost (Rp 1 miliar); far above any village product. */
export const MAX_RUPIAH = 1_000_000_000;
export const MAX_STOCK = 1_000_000;

export type AmountProblem = 'format' | 'negative' | 'tooBig';

/**
 * Whole Rupiah as people type it on a phone: `25000`, `25.000`, `Rp 25.000`, `Rp25.000`, `25 000`.
 * Dots and spaces are accepted only as thousands separators (`2.50` is refused rather than read as 250),
 * and decimals are refused: prices are whole Rupiah.
 */
export function parseRupiah(input: unknown): number | AmountProblem {
  return parseWhole(input, MAX_RUPIAH, true);
}

/** A count typed the same way (stock): digits, optionally grouped by dots or spaces. */
export function parseCount(input: unknown): number | AmountProblem {
  return parseWhole(input, MAX_STOCK, false);
}

function parseWhole(input: unknown, max: number, currency: boolean): number | AmountProblem {
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return 'format';
    if (input < 0) return 'negative';
    return input > max ? 'tooBig' : input;
  }
  if (typeof input !== 'string') return 'format';
  let s = input.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (currency) s = s.replace(/^(?:rp|idr)\.?\s*/i, '');
  if (/^-\s*\d/.test(s)) return 'negative';
  if (!/^\d+$/.test(s) && !/^\d{1,3}(?:[. ]\d{3})+$/.test(s)) return 'format';
  const n = Number(s.replace(/[. ]/g, ''));
  if (!Number.isSafeInteger(n)) return 'tooBig';
  return n > max ? 'tooBig' : n;
}

const RUPIAH_MESSAGES: Record<AmountProblem, string> = {
  format: 'catalog.rupiahFormat',
  negative: 'catalog.rupiahNegative',
  tooBig: 'catalog.rupiahTooBig',
};
const COUNT_MESSAGES: Record<AmountProblem, string> = {
  format: 'catalog.stockFormat',
  negative: 'catalog.stockNegative',
  tooBig: 'catalog.stockTooBig',
};

/** Required whole Rupiah (number or typed text). */
export const rupiahField = z.union([z.number(), z.string()], { error: 'catalog.rupiahRequired' }).transform((v, ctx) => {
  if (typeof v === 'string' && v.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'catalog.rupiahRequired' });
    return z.NEVER;
  }
  const r = parseRupiah(v);
  if (typeof r === 'number') return r;
  ctx.addIssue({ code: 'custom', message: RUPIAH_MESSAGES[r] });
  return z.NEVER;
});

/** Optional whole Rupiah: empty text or null clears it (null); absent (undefined) leaves it unchanged. */
export const optionalRupiahField = z
  .union([z.number(), z.string(), z.null()])
  .transform((v, ctx) => {
    if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const r = parseRupiah(v);
    if (typeof r === 'number') return r;
    ctx.addIssue({ code: 'custom', message: RUPIAH_MESSAGES[r] });
    return z.NEVER;
  })
  .optional();

/** Stock: a count, or null for unlimited. Empty text means the count was not filled in. */
export const stockField = z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
  if (v === null) return null;
  if (typeof v === 'string' && v.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'catalog.stockRequired' });
    return z.NEVER;
  }
  const r = parseCount(v);
  if (typeof r === 'number') return r;
  ctx.addIssue({ code: 'custom', message: COUNT_MESSAGES[r] });
  return z.NEVER;
});
