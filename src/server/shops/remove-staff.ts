import { NotFound } from '../errors.ts';
import { recordAudit } from '../auth/audit.ts';
import { invalidateUserSessions } from '../auth/session.ts';
import { inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';

/** Removing a staff member ends all of that member's sessions. Owners cannot be removed here. */
export async function removeStaff(opts: { shopId: string; userId: string; role: ShopRole; memberId: string; ip?: string }) {
  requireCapability(opts.role, 'staff.manage');
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    const member = await tx
      .selectFrom('shop_members')
      .innerJoin('users', 'users.id', 'shop_members.user_id')
      .select(['shop_members.role', 'users.name'])
      .where('shop_members.shop_id', '=', shopId)
      .where('shop_members.user_id', '=', opts.memberId)
      .executeTakeFirst();
    if (!member || member.role !== 'staff') throw new NotFound('staff.notFound');
    await tx.deleteFrom('shop_members').where('shop_id', '=', shopId).where('user_id', '=', opts.memberId).execute();
    await recordAudit({
      tx,
      shopId,
      userId: opts.userId,
      action: 'staff.removed',
      ip: opts.ip,
      details: { member: opts.memberId, name: member.name },
    });
  });
  await invalidateUserSessions(opts.memberId);
}
