import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { currentTime } from './clock.ts';

export function nowIso(): string {
  return currentTime().toISOString();
}

export function addSeconds(iso: string | Date, seconds: number): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(t + seconds * 1000).toISOString();
}

export function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return bytes;
}

// One getRandomValues call per id was nearly a tenth of a marketplace import's CPU (node --cpu-prof): ids are cut from a pool.
const idPool = new Uint8Array(4096);
let idPoolAt = idPool.length;

/** Random id, 80 bits, lowercase base32 (16 chars). */
export function newId(): string {
  if (idPoolAt + 10 > idPool.length) {
    crypto.getRandomValues(idPool);
    idPoolAt = 0;
  }
  idPoolAt += 10;
  return encodeBase32LowerCaseNoPadding(idPool.subarray(idPoolAt - 10, idPoolAt));
}

/** Secret token for links and cookies: 160 bits (Lucia's guide asks for at least 20 bytes). */
export function newToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sha256Hex(value: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}
