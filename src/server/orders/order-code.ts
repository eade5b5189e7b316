import { randomBytes } from '../util.ts';

/** No 0/O, 1/I/L: codes are read aloud and typed from a chat. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const SUFFIX = 4;

/** Human order code: the shop slug upper-cased, a dash and 4 unambiguous characters, e.g. HK05-7Q3K. */
export function newOrderCode(slug: string): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = '';
  while (out.length < SUFFIX) {
    for (const b of randomBytes(8)) {
      if (b < limit && out.length < SUFFIX) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return `${slug.toUpperCase()}-${out}`;
}

export const ORDER_CODE_PATTERN = /^[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?-[2-9A-HJKMNP-Z]{4}$/;

/** Codes arrive from URLs and typing: upper-case them; null when it cannot be a code. */
export function normalizeOrderCode(input: string): string | null {
  const c = input.trim().toUpperCase();
  return ORDER_CODE_PATTERN.test(c) ? c : null;
}

export const TOKEN_PATTERN = /^[a-z2-7]{32}$/;
