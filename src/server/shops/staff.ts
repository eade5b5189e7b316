import { db } from '../db/index.ts';
import { Invalid, NotFound } from '../errors.ts';
import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { ACCOUNT_EVENTS, recordAudit } from '../auth/audit.ts';
import { invalidateUserSessions } from '../auth/session.ts';
import { inShop } from '../tenant/index.ts';

export const INVITE_SECONDS = 7 * 24 * 60 * 60;

/** One-time staff invite link; only the hash of its token is stored. */
export async function createInvite(opts: { shopId: string; userId: string; ip?: string }) {
  const token = newToken();
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    await tx.insertInto('shop_invites').values({
      shop_id: shopId, token_hash: sha256Hex(token), role: 'staff', created_by: opts.userId,
      expires_at: addSeconds(new Date(), INVITE_SECONDS), used_at: null, used_by: null, created_at: nowIso(),
    }).execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.invited', ip: opts.ip });
  });
  return { url: absoluteUrl(`/undangan/${opts.shopId}/${token}`), token };
}

export async function findInvite(shopId: string, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) throw new NotFound('invite.invalid');
  return inShop(shopId, async ({ tx }) => {
    const row = await tx.selectFrom('shop_invites')
      .innerJoin('shops', 'shops.id', 'shop_invites.shop_id')
      .select(['shop_invites.token_hash', 'shop_invites.role', 'shop_invites.expires_at', 'shop_invites.used_at', 'shops.name', 'shops.slug'])
      .where('shop_invites.shop_id', '=', shopId).where('shop_invites.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) throw new NotFound('invite.invalid');
    return row;
  });
}

export async function acceptInvite(opts: { shopId: string; token: string; userId: string; ip?: string }) {
  const invite = await findInvite(opts.shopId, opts.token);
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const already = await tx.selectFrom('shop_members').select('role').where('shop_id', '=', shopId).where('user_id', '=', opts.userId).executeTakeFirst();
    if (already) throw new Invalid({ _: ['invite.alreadyMember'] }, 'invite.alreadyMember');
    const used = await tx.updateTable('shop_invites').set({ used_at: nowIso(), used_by: opts.userId })
      .where('shop_id', '=', shopId).where('token_hash', '=', invite.token_hash).where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new NotFound('invite.invalid');
    await tx.insertInto('shop_members').values({ shop_id: shopId, user_id: opts.userId, role: invite.role, created_at: nowIso() }).execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.joined', ip: opts.ip, details: { role: invite.role } });
    return { slug: invite.slug };
  });
}

export async function listMembers(shopId: string) {
  return inShop(shopId, ({ tx }) => tx.selectFrom('shop_members')
    .innerJoin('users', 'users.id', 'shop_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.phone', 'shop_members.role', 'shop_members.created_at'])
    .where('shop_members.shop_id', '=', shopId)
    .orderBy('shop_members.created_at').execute());
}

/** Removing a staff member ends all of that member's sessions. Owners cannot be removed here. */
export async function removeStaff(opts: { shopId: string; userId: string; memberId: string; ip?: string }) {
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    const member = await tx.selectFrom('shop_members').innerJoin('users', 'users.id', 'shop_members.user_id')
      .select(['shop_members.role', 'users.name'])
      .where('shop_members.shop_id', '=', shopId).where('shop_members.user_id', '=', opts.memberId).executeTakeFirst();
    if (!member || member.role !== 'staff') throw new NotFound('staff.notFound');
    await tx.deleteFrom('shop_members').where('shop_id', '=', shopId).where('user_id', '=', opts.memberId).execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.removed', ip: opts.ip, details: { member: opts.memberId, name: member.name } });
  });
  await invalidateUserSessions(opts.memberId);
}

export async function listAudit(shopId: string, limit = 200) {
  const rows = await inShop(shopId, ({ tx }) => tx.selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.action', 'audit_log.details', 'audit_log.ip', 'audit_log.created_at', 'users.name as actor'])
    .where('audit_log.shop_id', '=', shopId)
    .orderBy('audit_log.created_at', 'desc').limit(limit).execute());
  return rows.map((r) => ({ ...r, dayOnly: ACCOUNT_EVENTS.includes(r.action) }));
}
