import { Invalid } from '../errors.ts';
import { hashPassword } from './password.ts';
import { invalidateUserSessions } from './session.ts';
import { recordAudit } from './audit.ts';
import { usePasswordReset } from '../tenant/accounts.ts';
import { findValid } from './check-password-reset.ts';

/** Single use: marks the link used, sets the password and ends every session of that user. */
export async function consumePasswordReset(opts: { token: string; newPassword: string; ip: string }) {
  const row = await findValid(opts.token);
  if (!row) throw new Invalid({ _: ['reset.invalid'] }, 'reset.invalid');
  const passwordHash = await hashPassword(opts.newPassword);
  if (!(await usePasswordReset(row.token_hash, row.user_id, passwordHash))) throw new Invalid({ _: ['reset.invalid'] }, 'reset.invalid');
  await invalidateUserSessions(row.user_id);
  await recordAudit({ userId: row.user_id, action: 'auth.password_reset', ip: opts.ip, shopsOf: row.user_id });
  return { userId: row.user_id };
}
