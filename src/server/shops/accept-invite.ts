import { Invalid, NotFound } from '../errors.ts';
import { nowIso } from '../util.ts';
import { recordAudit } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';
import { findInvite } from './find-invite.ts';

export async function acceptInvite(opts: { shopId: string; token: string; userId: string; ip?: string }) {
  const invite = await findInvite(opts.shopId, opts.token);
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const already = await tx
      .selectFrom('shop_members')
      .select('role')
      .where('shop_id', '=', shopId)
      .where('user_id', '=', opts.userId)
      .executeTakeFirst();
    if (already) throw new Invalid({ _: ['invite.alreadyMember'] }, 'invite.alreadyMember');
    const used = await tx
      .updateTable('shop_invites')
      .set({ used_at: nowIso(), used_by: opts.userId })
      .where('shop_id', '=', shopId)
      .where('token_hash', '=', invite.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new NotFound('invite.invalid');
    await tx
      .insertInto('shop_members')
      .values({ shop_id: shopId, user_id: opts.userId, role: invite.role, created_at: nowIso() })
      .execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.joined', ip: opts.ip, details: { role: invite.role } });
    return { slug: invite.slug };
  });
}
