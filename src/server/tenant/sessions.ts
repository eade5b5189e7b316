import { db } from '../db/index.ts';

/** Session rows (Lucia's guide: only the SHA-256 of the token is stored). Not shop data. */
export async function insertSession(row: { id: string; user_id: string; expires_at: string; created_at: string }) {
  await db().insertInto('sessions').values(row).execute();
}

export async function findSessionWithUser(id: string) {
  return db()
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sid',
      'sessions.expires_at',
      'users.id',
      'users.name',
      'users.email',
      'users.phone',
      'users.locale',
      'users.is_admin',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function extendSession(id: string, expiresAt: string) {
  await db().updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(id: string) {
  await db().deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(userId: string, exceptSessionId?: string) {
  let q = db().deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
