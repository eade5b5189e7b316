import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase();
});
afterAll(async () => {
  await env.close();
});

describe(`sessions (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('stores only the SHA-256 of the token and validates it', async () => {
    const { signUp } = await import('#server/auth/sign-up.ts');
    const { validateSessionToken } = await import('#server/auth/session.ts');
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { token, session, userId } = await signUp({ name: 'Ani', email: 'ani@example.test', phone: null, password: 'rahasia-123' });
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 random bytes
    const rows = await db().selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toContain(token);
    expect(rows[0]!.id).toBe(session.id);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    const v = await validateSessionToken(token);
    expect(v?.user.id).toBe(userId);
    expect(await validateSessionToken(token.replace(/.$/, token.endsWith('a') ? 'b' : 'a'))).toBeNull();
  });

  it('expires after 30 days and deletes the expired row', async () => {
    const { createSession, validateSessionToken } = await import('#server/auth/session.ts');
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const user = await db().selectFrom('users').select('id').executeTakeFirstOrThrow();
    const { token, session } = await createSession(user.id);
    const days = (Date.parse(session.expiresAt) - Date.now()) / 86400000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    await db()
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', session.id)
      .execute();
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db().selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst()).toBeUndefined();
  });

  it('extends a session used within 15 days of its expiry back to 30 days', async () => {
    const { createSession, validateSessionToken } = await import('#server/auth/session.ts');
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const user = await db().selectFrom('users').select('id').executeTakeFirstOrThrow();
    const { token, session } = await createSession(user.id);
    const soon = new Date(Date.now() + 10 * 86400000).toISOString();
    await db().updateTable('sessions').set({ expires_at: soon }).where('id', '=', session.id).execute();
    const v = await validateSessionToken(token);
    expect(Date.parse(v!.session.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86400000);
    const row = await db().selectFrom('sessions').select('expires_at').where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBe(v!.session.expiresAt);
    // A fresh session (more than 15 days left) is not rewritten on every request.
    const fresh = await createSession(user.id);
    const again = await validateSessionToken(fresh.token);
    expect(again!.session.expiresAt).toBe(fresh.session.expiresAt);
  });

  it('backs off per account with growing waits', async () => {
    const { backoffSeconds, FREE_FAILURES } = await import('#server/auth/rate-limit.ts');
    expect(backoffSeconds(FREE_FAILURES - 1)).toBe(0);
    expect(backoffSeconds(FREE_FAILURES)).toBe(30);
    expect(backoffSeconds(FREE_FAILURES + 1)).toBe(60);
    expect(backoffSeconds(FREE_FAILURES + 2)).toBe(120);
    expect(backoffSeconds(50)).toBe(900);
  });

  it('counts a fixed window in one atomic step: 50 parallel hits on a limit of 10 let exactly 10 through', async () => {
    const { hitWindow, claimAttempt, FREE_FAILURES } = await import('#server/auth/rate-limit.ts');
    const { TooManyRequests } = await import('#server/errors.ts');
    const hits = await Promise.allSettled(Array.from({ length: 50 }, () => hitWindow('test:window', 10, 60)));
    expect(hits.filter((h) => h.status === 'fulfilled')).toHaveLength(10);
    expect(hits.filter((h) => h.status === 'rejected').every((h) => (h as PromiseRejectedResult).reason instanceof TooManyRequests)).toBe(
      true,
    );
    // Parallel claims on one account: only the free attempts and the one that starts the back-off are allowed.
    const claims = await Promise.all(Array.from({ length: 50 }, () => claimAttempt('test:account')));
    expect(claims.filter((c) => c.allowed)).toHaveLength(FREE_FAILURES);
    expect(claims.filter((c) => !c.allowed).every((c) => !c.allowed && c.wait > 0)).toBe(true);
  });

  it('hashes passwords with argon2id', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const u = await db().selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('takes the client IP from X-Forwarded-For only behind a trusted proxy', async () => {
    const { clientIp } = await import('#server/http/client-ip.ts');
    const h = new Headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7, 203.0.113.9' });
    expect(clientIp(h, '127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientIp(h, '127.0.0.1', 1)).toBe('203.0.113.9');
    expect(clientIp(h, '127.0.0.1', 2)).toBe('10.0.0.7');
  });
});
