import type { Insertable } from 'kysely';
import { db } from '../db/index.ts';
import type { PasswordResetsTable, ShopRole, UsersTable } from '../db/schema.ts';
import { acrossShops } from './index.ts';

/**
 * Cross-shop reader: every power each account holds — platform admin, officer of programs, and its
 * memberships in shops (with each shop's program). Deciding who may act on whose account needs all of it.
 * Three queries however many accounts; unknown ids are absent from the map.
 */
export async function accountPowersOf(userIds: readonly string[]) {
  const ids = [...new Set(userIds)];
  const powers = new Map<
    string,
    {
      user: { id: string; name: string; phone: string | null; is_admin: number };
      admin: boolean;
      officerOf: string[];
      memberships: { shopId: string; role: ShopRole; programId: string }[];
    }
  >();
  if (ids.length === 0) return powers;
  return acrossShops(async (q) => {
    const users = await q.selectFrom('users').select(['id', 'name', 'phone', 'is_admin']).where('id', 'in', ids).execute();
    for (const user of users) powers.set(user.id, { user, admin: user.is_admin === 1, officerOf: [], memberships: [] });
    if (users.length === 0) return powers;
    const found = users.map((u) => u.id);
    for (const r of await q.selectFrom('program_officers').select(['user_id', 'program_id']).where('user_id', 'in', found).execute()) {
      powers.get(r.user_id)!.officerOf.push(r.program_id);
    }
    const memberships = await q
      .selectFrom('shop_members')
      .innerJoin('shops', 'shops.id', 'shop_members.shop_id')
      .select(['shop_members.user_id as userId', 'shop_members.shop_id as shopId', 'shop_members.role', 'shops.program_id as programId'])
      .where('shop_members.user_id', 'in', found)
      .execute();
    for (const { userId, ...m } of memberships) powers.get(userId)!.memberships.push(m);
    return powers;
  });
}

export type AccountPowers = NonNullable<ReturnType<Awaited<ReturnType<typeof accountPowersOf>>['get']>>;

/** Programs whose officer this user is. */
export async function programsOfOfficer(userId: string): Promise<string[]> {
  return acrossShops(async (q) =>
    (await q.selectFrom('program_officers').select('program_id').where('user_id', '=', userId).execute()).map((r) => r.program_id),
  );
}

/** Accounts already using this email or phone (sign-up refuses them). */
export async function usersWithLogin(login: { email: string | null | undefined; phone: string | null | undefined }) {
  if (!login.email && !login.phone) return [];
  return db()
    .selectFrom('users')
    .select(['id', 'email', 'phone'])
    .where((eb) =>
      eb.or([...(login.email ? [eb('email', '=', login.email)] : []), ...(login.phone ? [eb('phone', '=', login.phone)] : [])]),
    )
    .execute();
}

export async function insertUser(row: Insertable<UsersTable>) {
  await db().insertInto('users').values(row).execute();
}

/** The account signing in by normalised phone or lower-case email. */
export async function findUserForSignIn(by: 'phone' | 'email', value: string) {
  return db().selectFrom('users').select(['id', 'password_hash']).where(by, '=', value).executeTakeFirst();
}

export async function userPasswordHash(userId: string): Promise<string> {
  return (await db().selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
}

export async function setUserPassword(userId: string, passwordHash: string) {
  await db().updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function insertPasswordReset(row: Insertable<PasswordResetsTable>) {
  await db().insertInto('password_resets').values(row).execute();
}

export async function findPasswordReset(tokenHash: string) {
  return db().selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Single use: marks the reset used and sets the password in one transaction; false when it was used already. */
export async function usePasswordReset(tokenHash: string, userId: string, passwordHash: string): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const used = await tx
        .updateTable('password_resets')
        .set({ used_at: new Date().toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return false;
      await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
      return true;
    });
}

/** Used resets someone else issued for this account that its holder has not been shown yet, newest first. */
export async function unseenResets(userId: string) {
  return (
    db()
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.created_by')
      .select(['password_resets.token_hash', 'password_resets.used_at', 'users.name'])
      .where('password_resets.user_id', '=', userId)
      .where('password_resets.used_at', 'is not', null)
      .where('password_resets.notice_seen_at', 'is', null)
      // A link the holder asked for by email is no news to them.
      .whereRef('password_resets.created_by', '!=', 'password_resets.user_id')
      .orderBy('password_resets.used_at', 'desc')
      .execute()
  );
}

export async function markResetsSeen(tokenHashes: string[]) {
  if (tokenHashes.length === 0) return;
  await db()
    .updateTable('password_resets')
    .set({ notice_seen_at: new Date().toISOString() })
    .where('token_hash', 'in', tokenHashes)
    .execute();
}

/** The account a "forgot password" email names (lower-case email), if any. */
export async function userByEmail(email: string) {
  return db().selectFrom('users').select(['id', 'name', 'email']).where('email', '=', email).executeTakeFirst();
}

/** How many reset links the account's holder asked for by email since `since` (the per-account cap). */
export async function selfResetsSince(userId: string, since: string): Promise<number> {
  const r = await db()
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .whereRef('created_by', '=', 'user_id')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Set the sign-in email and phone of an account (the caller checked the password and uniqueness). */
export async function setUserContact(userId: string, contact: { email: string | null; phone: string | null }) {
  await db().updateTable('users').set(contact).where('id', '=', userId).execute();
}
