import { TooManyRequests } from '../errors.ts';
import { config } from '../config.ts';
import { verifyPassword } from './password.ts';
import { claimAttempt, clearFailures } from './rate-limit.ts';

/** One back-off per account, shared by sign-in, change password and the re-entry before money settings. */
export function accountAttemptKey(userId: string): string {
  return `password:user:${userId}`;
}

/**
 * Check a password under the account's back-off: throws TooManyRequests while the account is backing off
 * (without looking at the password) or when this wrong guess starts a back-off; otherwise true or false.
 */
export async function attemptPassword(opts: {
  key: string;
  passwordHash: string;
  password: string;
  onWrong?: () => Promise<void>;
}): Promise<boolean> {
  const claim = await claimAttempt(opts.key);
  if (!claim.allowed) throw new TooManyRequests(claim.wait, 'auth.lockedOut');
  // Lets an operator (and the throttling tests) see which guesses really reach the hash.
  if (config().logPasswordChecks) console.log(`[password-check] ${opts.key}`);
  if (await verifyPassword(opts.passwordHash, opts.password)) {
    await clearFailures(opts.key);
    return true;
  }
  await opts.onWrong?.();
  if (claim.backoff > 0) throw new TooManyRequests(claim.backoff, 'auth.lockedOut');
  return false;
}
