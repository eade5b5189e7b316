import { db } from '../db/index.ts';
import { Invalid } from '../errors.ts';
import { hashPassword } from './password.ts';
import { accountAttemptKey, attemptPassword } from './attempt-password.ts';
import { invalidateUserSessions } from './session.ts';
import { recordAudit } from './audit.ts';

/** Changing the password ends every other session of the user; the current one stays. Guesses back off like sign-in. */
export async function changePassword(opts: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string }) {
  const user = await db().selectFrom('users').select('password_hash').where('id', '=', opts.userId).executeTakeFirstOrThrow();
  if (!(await attemptPassword({ key: accountAttemptKey(opts.userId), passwordHash: user.password_hash, password: opts.currentPassword }))) {
    throw new Invalid({ currentPassword: ['auth.wrongPassword'] });
  }
  await db().updateTable('users').set({ password_hash: await hashPassword(opts.newPassword) }).where('id', '=', opts.userId).execute();
  await invalidateUserSessions(opts.userId, opts.sessionId);
  await recordAudit({ userId: opts.userId, action: 'auth.password_changed', ip: opts.ip, shopsOf: opts.userId });
}
