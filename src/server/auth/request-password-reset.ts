import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, sha256Hex } from '../util.ts';
import { t, type Locale } from '#i18n/index.ts';
import { mailConfigured, sendMail } from '../mail/send-mail.ts';
import { insertPasswordReset, selfResetsSince, userByEmail } from '../tenant/accounts.ts';
import { Unprocessable } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { RESET_SECONDS } from './issue-password-reset.ts';

/** Links one account may ask for by email per hour; more are dropped silently (the answer stays the same). */
export const SELF_RESETS_PER_HOUR = 3;
const MAIL_RESET_SECONDS = 60 * 60;

/**
 * "Lupa kata sandi" by email: when an account has this email, a single-use link (stored as a hash,
 * valid one hour, the same /reset/{token} machinery an owner or officer issues) is mailed to it. The
 * answer is the same whether or not the account exists, and the mail is sent after the answer, so
 * neither the words nor the time tell. The request rate is capped per IP by the route and per account here.
 */
export async function requestPasswordReset(opts: { email: string; locale: Locale; ip: string }): Promise<{ delivery: Promise<void> }> {
  if (!mailConfigured()) throw new Unprocessable('recover.noMail');
  const user = await userByEmail(opts.email);
  if (!user?.email) return { delivery: Promise.resolve() };
  const now = new Date();
  if ((await selfResetsSince(user.id, addSeconds(now, -3600))) >= SELF_RESETS_PER_HOUR) return { delivery: Promise.resolve() };
  const token = newToken();
  await insertPasswordReset({
    token_hash: sha256Hex(token),
    user_id: user.id,
    created_by: user.id,
    expires_at: addSeconds(now, Math.min(MAIL_RESET_SECONDS, RESET_SECONDS)),
    used_at: null,
    created_at: now.toISOString(),
  });
  await recordAudit({ userId: user.id, action: 'auth.reset_mailed', ip: opts.ip, shopsOf: user.id });
  const url = absoluteUrl(`/reset/${token}`);
  const delivery = sendMail({
    to: user.email,
    subject: t(opts.locale, 'recover.mailSubject'),
    text: t(opts.locale, 'recover.mailText', { name: user.name, url }),
  }).catch((err: unknown) => console.error('[mail] password reset not sent:', err instanceof Error ? err.message : err));
  return { delivery };
}
