import { acrossShops, inShop } from './index.ts';

/**
 * Memberships: which shops a person belongs to, and their role in one.
 * Under PostgreSQL row-level security these run through acrossShops (see ./index.ts).
 */

/** Shops a user belongs to, with their role (the dashboard's shop switcher). */
export async function shopsOfUser(userId: string) {
  return acrossShops(async (q) => {
    return q
      .selectFrom('shop_members')
      .innerJoin('shops', 'shops.id', 'shop_members.shop_id')
      .select(['shops.id', 'shops.slug', 'shops.name', 'shop_members.role'])
      .where('shop_members.user_id', '=', userId)
      .orderBy('shops.name')
      .execute();
  });
}

/** The caller's role in one shop, or undefined (the access check of every dashboard and API route). */
export async function memberRole(shopId: string, userId: string) {
  return inShop(
    shopId,
    async ({ tx }) =>
      (await tx.selectFrom('shop_members').select('role').where('shop_id', '=', shopId).where('user_id', '=', userId).executeTakeFirst())
        ?.role,
  );
}

/** Shops a user belongs to (ids only): where an account event is recorded. */
export async function shopIdsOfMember(userId: string): Promise<string[]> {
  return acrossShops(async (q) =>
    (await q.selectFrom('shop_members').select('shop_id').where('user_id', '=', userId).execute()).map((r) => r.shop_id),
  );
}
