import { db } from '../db/index.ts';
import { Invalid, TooManyRequests } from '../errors.ts';
import { verifyPassword } from './password.ts';
import { clearFailures, recordFailure, secondsBlocked } from './rate-limit.ts';

/**
 * Money settings ask for the signed-in user's password again, so a borrowed phone with an open session
 * cannot redirect a shop's payments. Failures back off like sign-in (per user).
 */
export async function confirmPassword(opts: { userId: string; password: unknown; field?: string }): Promise<void> {
  const field = opts.field ?? 'password';
  const key = `reauth:user:${opts.userId}`;
  const wait = await secondsBlocked(key);
  if (wait > 0) throw new TooManyRequests(wait, 'auth.lockedOut');
  const password = typeof opts.password === 'string' ? opts.password : '';
  if (!password) throw new Invalid({ [field]: ['validation.required'] });
  const user = await db().selectFrom('users').select('password_hash').where('id', '=', opts.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) {
    const backoff = await recordFailure(key);
    if (backoff > 0) throw new TooManyRequests(backoff, 'auth.lockedOut');
    throw new Invalid({ [field]: ['auth.wrongPassword'] });
  }
  await clearFailures(key);
}
