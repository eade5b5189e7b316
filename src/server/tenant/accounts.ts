import { acrossShops } from './index.ts';

/**
 * Cross-shop reader: every power an account holds — platform admin, officer of programs, and its
 * memberships in shops (with each shop's program). Deciding who may act on whose account needs all of it.
 */
export async function accountPowers(userId: string) {
  return acrossShops(async (q) => {
  const user = await q.selectFrom('users').select(['id', 'name', 'phone', 'is_admin']).where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const officerOf = (await q.selectFrom('program_officers').select('program_id').where('user_id', '=', userId).execute())
    .map((r) => r.program_id);
  const memberships = await q.selectFrom('shop_members')
    .innerJoin('shops', 'shops.id', 'shop_members.shop_id')
    .select(['shop_members.shop_id as shopId', 'shop_members.role', 'shops.program_id as programId'])
    .where('shop_members.user_id', '=', userId)
    .execute();
  return { user, admin: user.is_admin === 1, officerOf, memberships };
  });
}
export type AccountPowers = NonNullable<Awaited<ReturnType<typeof accountPowers>>>;

/** Programs whose officer this user is. */
export async function programsOfOfficer(userId: string): Promise<string[]> {
  return acrossShops(async (q) => (await q.selectFrom('program_officers').select('program_id').where('user_id', '=', userId).execute())
    .map((r) => r.program_id));
}
