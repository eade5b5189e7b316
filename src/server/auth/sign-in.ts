import { findUserForSignIn } from '../tenant/accounts.ts';
import { secondsLeftInWindow } from '../tenant/rate-limits.ts';
import { Invalid, TooManyRequests } from '../errors.ts';
import { normalizeIndonesianPhone } from '../shops/phone.ts';
import { dummyPasswordHash } from './password.ts';
import { hitWindow } from './rate-limit.ts';
import { accountAttemptKey, attemptPassword } from './attempt-password.ts';
import { createSession } from './session.ts';
import { recordAudit } from './audit.ts';
import { resetNotices } from './list-reset-notices.ts';
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
  const ipWait = await secondsLeftInWindow(ipKey, IP_FAILURE_LIMIT, IP_WINDOW_SECONDS);
  if (ipWait > 0) throw new TooManyRequests(ipWait);

  const phone = normalizeIndonesianPhone(input.identifier);
  const identifier = phone ?? input.identifier.trim().toLowerCase();
  const user = await findUserForSignIn(phone ? 'phone' : 'email', identifier);
  // Unknown identifiers back off too (and check a dummy hash), so neither answer nor timing reveals an account.
  const key = user ? accountAttemptKey(user.id) : `signin:acct:${identifier}`;
  const ok = await attemptPassword({
    key,
    passwordHash: user?.password_hash ?? (await dummyPasswordHash()),
    password: input.password,
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
