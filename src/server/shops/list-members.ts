import { inShop } from '../tenant/index.ts';

export async function listMembers(shopId: string) {
  return inShop(shopId, ({ tx }) => tx.selectFrom('shop_members')
    .innerJoin('users', 'users.id', 'shop_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.phone', 'shop_members.role', 'shop_members.created_at'])
    .where('shop_members.shop_id', '=', shopId)
    .orderBy('shop_members.created_at').execute());
}
