import { NotFound } from '../errors.ts';
import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { whatsappLink } from '../shops/phone.ts';
import { t, type Locale } from '#i18n/index.ts';
import { recordAudit } from './audit.ts';
import type { SessionUser } from './session.ts';
import { insertPasswordReset } from '../tenant/accounts.ts';
import { resettableAccounts } from './may-reset.ts';

export const RESET_SECONDS = 24 * 60 * 60;

export async function issuePasswordReset(opts: { issuer: SessionUser; targetUserId: string; locale: Locale; ip: string }) {
  const target = (await resettableAccounts(opts.issuer.id, [opts.targetUserId])).get(opts.targetUserId);
  if (!target) throw new NotFound('error.userNotFound');
  const token = newToken();
  await insertPasswordReset({
    token_hash: sha256Hex(token),
    user_id: target.id,
    created_by: opts.issuer.id,
    expires_at: addSeconds(new Date(), RESET_SECONDS),
    used_at: null,
    created_at: nowIso(),
  });
  await recordAudit({
    userId: opts.issuer.id,
    action: 'auth.reset_issued',
    ip: opts.ip,
    details: { target: target.id, name: target.name },
    shopsOf: target.id,
  });
  const url = absoluteUrl(`/reset/${token}`);
  const message = t(opts.locale, 'reset.whatsappText', { name: target.name, url });
  return { url, whatsappUrl: target.phone ? whatsappLink(target.phone, message) : null, target };
}
