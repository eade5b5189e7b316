import { NotFound } from '../errors.ts';
import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { whatsappLink } from '../shops/phone.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { recordAudit } from './audit.ts';
import type { SessionUser } from './session.ts';
import { accountPowers, insertPasswordReset, type AccountPowers } from '../tenant/accounts.ts';

export const RESET_SECONDS = 24 * 60 * 60;

/**
 * An issuer may obtain a reset link only for an account over which it already holds every power that
 * account has: an owner for a member whose only memberships are staff of shops the owner owns; an officer
 * for owners and staff whose every shop is in the officer's programs and who are no officer or admin; an
 * admin for anyone but another admin. Anyone else is answered exactly like an unknown user (404).
 */
export function mayReset(issuer: AccountPowers, target: AccountPowers): boolean {
  if (issuer.user.id === target.user.id || target.admin) return false;
  if (issuer.admin) return true;
  if (target.officerOf.length > 0 || target.memberships.length === 0) return false;
  if (target.memberships.every((m) => issuer.officerOf.includes(m.programId))) return true;
  const owned = issuer.memberships.filter((m) => m.role === 'owner').map((m) => m.shopId);
  return target.memberships.every((m) => m.role === 'staff' && owned.includes(m.shopId));
}

export async function issuePasswordReset(opts: { issuer: SessionUser; targetUserId: string; locale: Locale; ip: string }) {
  const [issuer, powers] = await Promise.all([accountPowers(opts.issuer.id), accountPowers(opts.targetUserId)]);
  if (!issuer || !powers || !mayReset(issuer, powers)) throw new NotFound('error.userNotFound');
  const target = powers.user;
  const token = newToken();
  await insertPasswordReset({
    token_hash: sha256Hex(token), user_id: target.id, created_by: opts.issuer.id,
    expires_at: addSeconds(new Date(), RESET_SECONDS), used_at: null, created_at: nowIso(),
  });
  await recordAudit({ userId: opts.issuer.id, action: 'auth.reset_issued', ip: opts.ip, details: { target: target.id, name: target.name }, shopsOf: target.id });
  const url = absoluteUrl(`/reset/${token}`);
  const message = t(opts.locale, 'reset.whatsappText', { name: target.name, url });
  return { url, whatsappUrl: target.phone ? whatsappLink(target.phone, message) : null, target };
}
