import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

/**
 * The idempotency key is stored only as a hash, and the status-link token only as a hash; to answer a
 * repeated order request with the same link, the token is kept XOR-sealed with a pad derived from the raw
 * idempotency key (a different derivation than the stored hash). Whoever holds the key (the client that
 * placed the order) can unseal it; the database alone cannot.
 */
const enc = new TextEncoder();

export function idempotencyKeyHash(key: string): string {
  return encodeHexLowerCase(sha256(enc.encode(`etalase:idem:${key}`)));
}

function pad(key: string, length: number): Uint8Array {
  const p = sha256(enc.encode(`etalase:token-box:${key}`));
  if (length > p.length) throw new Error('token longer than pad');
  return p.subarray(0, length);
}

export function sealToken(token: string, idempotencyKey: string): string {
  const raw = decodeBase32IgnorePadding(token.toUpperCase());
  const p = pad(idempotencyKey, raw.length);
  return encodeBase32LowerCaseNoPadding(raw.map((b, i) => b ^ p[i]!));
}

export function openToken(box: string, idempotencyKey: string): string | null {
  try {
    const raw = decodeBase32IgnorePadding(box.toUpperCase());
    const p = pad(idempotencyKey, raw.length);
    return encodeBase32LowerCaseNoPadding(raw.map((b, i) => b ^ p[i]!));
  } catch {
    return null;
  }
}
