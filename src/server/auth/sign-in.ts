import { db } from '../db/index.ts';
import { Invalid, TooManyRequests } from '../errors.ts';
import { normalizeIndonesianPhone } from '../shops/phone.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { clearFailures, hitWindow, recordFailure, secondsBlocked } from './rate-limit.ts';
import { createSession } from './session.ts';
import { recordAudit } from './audit.ts';
import type { SignInInput } from './schemas.ts';

/** Per IP: generous, since a whole village can sit behind one carrier address. */
export const IP_FAILURE_LIMIT = 100;
export const IP_WINDOW_SECONDS = 15 * 60;

function accountKey(identifier: string): string {
  const phone = normalizeIndonesianPhone(identifier);
  return `signin:acct:${phone ?? identifier.trim().toLowerCase()}`;
}

export async function signIn(input: SignInInput & { ip: string }) {
  const key = accountKey(input.identifier);
  const wait = await secondsBlocked(key);
  if (wait > 0) throw new TooManyRequests(wait, 'auth.lockedOut');
  const ipKey = `signin:ip:${input.ip}`;
  const ipRow = await db().selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', ipKey).executeTakeFirst();
  if (ipRow && ipRow.count >= IP_FAILURE_LIMIT && Date.parse(ipRow.window_start) + IP_WINDOW_SECONDS * 1000 > Date.now()) {
    throw new TooManyRequests(Math.ceil((Date.parse(ipRow.window_start) + IP_WINDOW_SECONDS * 1000 - Date.now()) / 1000));
  }

  const phone = normalizeIndonesianPhone(input.identifier);
  const user = await db().selectFrom('users').select(['id', 'password_hash'])
    .where(phone ? 'phone' : 'email', '=', phone ?? input.identifier.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    const backoff = await recordFailure(key);
    await hitWindow(ipKey, IP_FAILURE_LIMIT, IP_WINDOW_SECONDS).catch(() => undefined);
    if (backoff > 0) throw new TooManyRequests(backoff, 'auth.lockedOut');
    throw new Invalid({ identifier: ['auth.badCredentials'] }, 'auth.badCredentials');
  }
  await clearFailures(key);
  const created = await createSession(user.id);
  await recordAudit({ userId: user.id, action: 'auth.sign_in', ip: input.ip, shopsOf: user.id });
  return { userId: user.id, ...created };
}
