import { db } from '../db/index.ts';
import { Invalid, TooManyRequests } from '../errors.ts';
import { normalizeIndonesianPhone } from '../shops/phone.ts';
import { dummyPasswordHash } from './password.ts';
import { hitWindow } from './rate-limit.ts';
import { accountAttemptKey, attemptPassword } from './attempt-password.ts';
import { createSession } from './session.ts';
import { recordAudit } from './audit.ts';
import { resetNotices } from './password-reset.ts';
import type { SignInInput } from './schemas.ts';

/** Per IP: generous, since a whole village can sit behind one carrier address. */
export const IP_FAILURE_LIMIT = 100;
export const IP_WINDOW_SECONDS = 15 * 60;

/**
 * `takeNotices`: the caller shows the reset notices now (API) and they are marked shown; otherwise they stay
 * pending for the page after sign-in (/akun).
 */
export async function signIn(input: SignInInput & { ip: string; takeNotices?: boolean }) {
  const ipKey = `signin:ip:${input.ip}`;
  const ipRow = await db().selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', ipKey).executeTakeFirst();
  if (ipRow && ipRow.count >= IP_FAILURE_LIMIT && Date.parse(ipRow.window_start) + IP_WINDOW_SECONDS * 1000 > Date.now()) {
    throw new TooManyRequests(Math.ceil((Date.parse(ipRow.window_start) + IP_WINDOW_SECONDS * 1000 - Date.now()) / 1000));
  }

  const phone = normalizeIndonesianPhone(input.identifier);
  const identifier = phone ?? input.identifier.trim().toLowerCase();
  const user = await db().selectFrom('users').select(['id', 'password_hash'])
    .where(phone ? 'phone' : 'email', '=', identifier)
    .executeTakeFirst();
  // Unknown identifiers back off too (and check a dummy hash), so neither answer nor timing reveals an account.
  const key = user ? accountAttemptKey(user.id) : `signin:acct:${identifier}`;
  const ok = await attemptPassword({
    key, passwordHash: user?.password_hash ?? (await dummyPasswordHash()), password: input.password,
    onWrong: () => hitWindow(ipKey, IP_FAILURE_LIMIT, IP_WINDOW_SECONDS).catch(() => undefined),
  });
  if (!user || !ok) {
    throw new Invalid({ identifier: ['auth.badCredentials'] }, 'auth.badCredentials');
  }
  const created = await createSession(user.id);
  await recordAudit({ userId: user.id, action: 'auth.sign_in', ip: input.ip, shopsOf: user.id });
  const notices = await resetNotices(user.id, { take: input.takeNotices ?? false });
  return { userId: user.id, ...created, resetNotices: notices };
}
