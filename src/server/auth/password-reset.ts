import { db } from '../db/index.ts';
import { Invalid, NotFound } from '../errors.ts';
import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { whatsappLink } from '../shops/phone.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { hashPassword } from './password.ts';
import { invalidateUserSessions } from './session.ts';
import { recordAudit } from './audit.ts';
import { programRole } from './access.ts';
import type { SessionUser } from './session.ts';

export const RESET_SECONDS = 24 * 60 * 60;

/**
 * Who may issue a reset link for whom: an owner for the staff of their shop; a program officer for
 * owners and staff of shops in their program; a platform admin for anyone. Any other target is 404.
 */
async function mayReset(issuer: SessionUser, targetUserId: string): Promise<boolean> {
  if (issuer.id === targetUserId) return false;
  const { admin, programIds } = await programRole(issuer);
  if (admin) return true;
  const target = await db().selectFrom('users').select('is_admin').where('id', '=', targetUserId).executeTakeFirst();
  if (!target || target.is_admin) return false;
  const targetShops = await db().selectFrom('shop_members')
    .innerJoin('shops', 'shops.id', 'shop_members.shop_id')
    .select(['shop_members.shop_id', 'shop_members.role', 'shops.program_id'])
    .where('shop_members.user_id', '=', targetUserId).execute();
  if (programIds.length && targetShops.some((s) => programIds.includes(s.program_id))) {
    const isOfficer = await db().selectFrom('program_officers').select('user_id').where('user_id', '=', targetUserId).executeTakeFirst();
    return !isOfficer;
  }
  const ownerOf = await db().selectFrom('shop_members').select('shop_id')
    .where('user_id', '=', issuer.id).where('role', '=', 'owner').execute();
  return targetShops.some((s) => s.role === 'staff' && ownerOf.some((o) => o.shop_id === s.shop_id));
}

export async function issuePasswordReset(opts: { issuer: SessionUser; targetUserId: string; locale: Locale; ip: string }) {
  if (!(await mayReset(opts.issuer, opts.targetUserId))) throw new NotFound('error.userNotFound');
  const target = await db().selectFrom('users').select(['id', 'name', 'phone']).where('id', '=', opts.targetUserId).executeTakeFirstOrThrow();
  const token = newToken();
  await db().insertInto('password_resets').values({
    token_hash: sha256Hex(token), user_id: target.id, created_by: opts.issuer.id,
    expires_at: addSeconds(new Date(), RESET_SECONDS), used_at: null, created_at: nowIso(),
  }).execute();
  await recordAudit({ userId: opts.issuer.id, action: 'auth.reset_issued', ip: opts.ip, details: { target: target.id, name: target.name }, shopsOf: target.id });
  const url = absoluteUrl(`/reset/${token}`);
  const message = t(opts.locale, 'reset.whatsappText', { name: target.name, url });
  return { url, whatsappUrl: target.phone ? whatsappLink(target.phone, message) : null, target };
}

async function findValid(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  const row = await db().selectFrom('password_resets').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
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
  await db().transaction().execute(async (tx) => {
    const used = await tx.updateTable('password_resets').set({ used_at: nowIso() })
      .where('token_hash', '=', row.token_hash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new Invalid({ _: ['reset.invalid'] }, 'reset.invalid');
    await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', row.user_id).execute();
  });
  await invalidateUserSessions(row.user_id);
  await recordAudit({ userId: row.user_id, action: 'auth.password_reset', ip: opts.ip, shopsOf: row.user_id });
  return { userId: row.user_id };
}
