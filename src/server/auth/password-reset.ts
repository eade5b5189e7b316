import { Invalid, NotFound } from '../errors.ts';
import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { whatsappLink } from '../shops/phone.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { hashPassword } from './password.ts';
import { invalidateUserSessions } from './session.ts';
import { recordAudit } from './audit.ts';
import type { SessionUser } from './session.ts';
import {
  accountPowers, findPasswordReset, insertPasswordReset, markResetsSeen, unseenResets, usePasswordReset, type AccountPowers,
} from '../tenant/accounts.ts';

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

async function findValid(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  const row = await findPasswordReset(sha256Hex(token));
  if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) return undefined;
  return row;
}

export async function checkPasswordReset(token: string) {
  const row = await findValid(token);
  if (!row) throw new NotFound('reset.invalid');
  return row;
}

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

export interface ResetNotice { byName: string; at: string }

/**
 * Resets someone else issued and used on this account that its holder has not been shown yet, newest
 * first. `take` marks them shown (the page after sign-in, or the API's sign-in answer, shows them once).
 */
export async function resetNotices(userId: string, opts: { take: boolean }): Promise<ResetNotice[]> {
  const rows = await unseenResets(userId);
  if (opts.take) await markResetsSeen(rows.map((r) => r.token_hash));
  return rows.map((r) => ({ byName: r.name, at: r.used_at! }));
}
