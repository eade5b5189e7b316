import { deleteSession, deleteUserSessions, extendSession, findSessionWithUser, insertSession } from '../tenant/sessions.ts';
import type { User } from '../db/schema.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { config } from '../config.ts';

/** Sessions as in Lucia's guide: random token in the cookie, only its SHA-256 stored, 30-day sliding expiry. */
export const SESSION_COOKIE = 'etalase_session';
const DAY = 24 * 60 * 60;
export const SESSION_SECONDS = 30 * DAY;
const RENEW_WITHIN_SECONDS = 15 * DAY;

export interface Session {
  id: string;
  userId: string;
  expiresAt: string;
}
export type SessionUser = Pick<User, 'id' | 'name' | 'email' | 'phone' | 'locale' | 'is_admin'>;

export async function createSession(userId: string): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session: Session = { id: sha256Hex(token), userId, expiresAt: addSeconds(new Date(), SESSION_SECONDS) };
  await insertSession({ id: session.id, user_id: userId, expires_at: session.expiresAt, created_at: nowIso() });
  return { token, session };
}

export async function validateSessionToken(token: string): Promise<{ session: Session; user: SessionUser } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sha256Hex(token);
  const row = await findSessionWithUser(id);
  if (!row) return null;
  const now = Date.now();
  const expires = Date.parse(row.expires_at);
  if (now >= expires) {
    await deleteSession(id);
    return null;
  }
  let expiresAt = row.expires_at;
  if (now >= expires - RENEW_WITHIN_SECONDS * 1000) {
    expiresAt = addSeconds(new Date(now), SESSION_SECONDS);
    await extendSession(id, expiresAt);
  }
  const { sid, expires_at: _e, ...user } = row;
  return { session: { id: sid, userId: user.id, expiresAt }, user };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await deleteSession(sessionId);
}

export async function invalidateUserSessions(userId: string, exceptSessionId?: string): Promise<void> {
  await deleteUserSessions(userId, exceptSessionId);
}

export function sessionCookieOptions(expiresAt: string) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config().production || config().publicUrl.startsWith('https:'),
    path: '/',
    expires: new Date(expiresAt),
  };
}
