import { userPasswordHash } from '../tenant/accounts.ts';
import { Invalid } from '../errors.ts';
import { accountAttemptKey, attemptPassword } from './attempt-password.ts';

/**
 * Money settings ask for the signed-in user's password again, so a borrowed phone with an open session
 * cannot redirect a shop's payments. Failures back off like sign-in (the same per-account count).
 */
export async function confirmPassword(opts: { userId: string; password: unknown; field?: string; wrongMessage?: string }): Promise<void> {
  const field = opts.field ?? 'password';
  const password = typeof opts.password === 'string' ? opts.password : '';
  if (!password) throw new Invalid({ [field]: ['validation.required'] });
  const passwordHash = await userPasswordHash(opts.userId);
  if (!(await attemptPassword({ key: accountAttemptKey(opts.userId), passwordHash, password }))) {
    const message = opts.wrongMessage ?? 'auth.wrongPassword';
    throw new Invalid({ [field]: [message] }, opts.wrongMessage);
  }
}
