import { setUserPassword, userPasswordHash } from '../tenant/accounts.ts';
import { Invalid } from '../errors.ts';
import { hashPassword } from './password.ts';
import { accountAttemptKey, attemptPassword } from './attempt-password.ts';
import { invalidateUserSessions } from './session.ts';
import { recordAudit } from './audit.ts';

/** Changing the password ends every other session of the user; the current one stays. Guesses back off like sign-in. */
export async function changePassword(opts: {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
}) {
  const passwordHash = await userPasswordHash(opts.userId);
  if (!(await attemptPassword({ key: accountAttemptKey(opts.userId), passwordHash, password: opts.currentPassword }))) {
    throw new Invalid({ currentPassword: ['auth.wrongPassword'] });
  }
  await setUserPassword(opts.userId, await hashPassword(opts.newPassword));
  await invalidateUserSessions(opts.userId, opts.sessionId);
  await recordAudit({ userId: opts.userId, action: 'auth.password_changed', ip: opts.ip, shopsOf: opts.userId });
}
