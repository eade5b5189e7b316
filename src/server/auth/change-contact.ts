import { Invalid } from '../errors.ts';
import { setUserContact, usersWithLogin } from '../tenant/accounts.ts';
import { confirmPassword } from './confirm-password.ts';
import { recordAudit } from './audit.ts';
import type { ChangeContactInput } from './schemas.ts';

/**
 * The account holder changes the email and phone they sign in with, after re-entering the password (the
 * account's password back-off applies). Another account's email or phone is refused; one of the two stays.
 */
export async function changeContact(opts: { userId: string; input: ChangeContactInput; ip: string }) {
  const { email, phone } = opts.input;
  await confirmPassword({ userId: opts.userId, password: opts.input.password });
  const others = (await usersWithLogin({ email, phone })).filter((r) => r.id !== opts.userId);
  const fields: Record<string, string[]> = {};
  if (email && others.some((r) => r.email === email)) fields.email = ['auth.emailTaken'];
  if (phone && others.some((r) => r.phone === phone)) fields.phone = ['auth.phoneTaken'];
  if (Object.keys(fields).length) throw new Invalid(fields);
  await setUserContact(opts.userId, { email, phone });
  await recordAudit({ userId: opts.userId, action: 'auth.contact_changed', ip: opts.ip, shopsOf: opts.userId });
}
