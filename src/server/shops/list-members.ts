import { inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { resettableAccounts } from '../auth/may-reset.ts';

/** Owner and staff of the shop; `canReset` says whether the viewer may issue that member a reset link. */
export async function listMembers(opts: { shopId: string; viewerId: string; role: ShopRole }) {
  requireCapability(opts.role, 'staff.manage');
  const members = await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .selectFrom('shop_members')
      .innerJoin('users', 'users.id', 'shop_members.user_id')
      .select(['users.id', 'users.name', 'users.email', 'users.phone', 'shop_members.role', 'shop_members.created_at'])
      .where('shop_members.shop_id', '=', shopId)
      .orderBy('shop_members.created_at')
      .execute(),
  );
  const resettable = await resettableAccounts(
    opts.viewerId,
    members.map((m) => m.id),
  );
  return members.map((m) => ({ ...m, canReset: resettable.has(m.id) }));
}
