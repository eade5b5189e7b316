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

/**
 * Id for rows appended on every order step (orders, their events, journal entries, stock movements): 48 bits of
 * milliseconds, then 32 bits drawn per millisecond and counted up within it, 16 lowercase base32 chars like newId.
 * Ids made close in time share their first characters, so a batch of inserts lands on the last pages of each
 * primary-key index instead of on a random page each: with random ids every order step dirtied pages all over
 * the indexes, and the WAL took about 30 pages per order (ledger bench). Not for anything whose id must be
 * unguessable (media, tokens): the time is readable and the rest predictable within a millisecond.
 */
let seqMs = -1;
let seqLow = 0;
const seqBytes = new Uint8Array(10);
export function newSequentialId(): string {
  const ms = Date.now();
  if (ms !== seqMs) {
    seqMs = ms;
    if (idPoolAt + 4 > idPool.length) {
      crypto.getRandomValues(idPool);
      idPoolAt = 0;
    }
    // The top bit starts clear so counting up within one millisecond never wraps.
    seqLow =
      ((idPool[idPoolAt]! & 0x7f) * 2 ** 24 + idPool[idPoolAt + 1]! * 2 ** 16 + idPool[idPoolAt + 2]! * 2 ** 8 + idPool[idPoolAt + 3]!) >>>
      0;
    idPoolAt += 4;
  } else seqLow++;
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    seqBytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  seqBytes[6] = (seqLow >>> 24) & 255;
  seqBytes[7] = (seqLow >>> 16) & 255;
  seqBytes[8] = (seqLow >>> 8) & 255;
  seqBytes[9] = seqLow & 255;
  return encodeBase32LowerCaseNoPadding(seqBytes);
}

/** Secret token for links and cookies: 160 bits (Lucia's guide asks for at least 20 bytes). */
export function newToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sha256Hex(value: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}
