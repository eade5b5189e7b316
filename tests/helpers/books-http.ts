import { afterAll, beforeAll } from 'vitest';
import { startServer, type TestServer } from './server.ts';
import { Client } from './http.ts';
import { DEMO_PASSWORD, useTestDatabase } from './db.ts';

/** What a books, reports or cash-book HTTP test works with once its set-up has run. */
export interface BooksHttp {
  server: TestServer;
  /** The demo shop hk05 and its owner. */
  shopId: string;
  ownerId: string;
  owner: Client;
  staff: Client;
  /** The owner of another shop (roti-balang). */
  other: Client;
  /** A client of hk05's owner in another language. */
  ownerIn(lang: 'en'): Promise<Client>;
}

/**
 * The shared set-up of the ledger's HTTP tests: a fresh database seeded with the demo program, the file's
 * own data written through the use cases by `prepare` (before the server starts, so nothing is cached),
 * then the built server on that database and hk05's owner, its staff and another shop's owner signed in.
 * The returned object is filled in by beforeAll; read its fields inside hooks and tests.
 */
export function useBooksHttp(prepare?: (shop: { shopId: string; ownerId: string }) => Promise<void>): BooksHttp {
  const ctx = {} as BooksHttp;
  let env: Awaited<ReturnType<typeof useTestDatabase>> | undefined;
  beforeAll(async () => {
    env = await useTestDatabase({ seed: true });
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    ctx.shopId = (await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow()).id;
    ctx.ownerId = (await db().selectFrom('users').select('id').where('email', '=', 'pemilik@hk05.test').executeTakeFirstOrThrow()).id;
    await prepare?.({ shopId: ctx.shopId, ownerId: ctx.ownerId });
    ctx.server = await startServer({ db: env, keepDb: true, seed: false });
    const signedIn = async (email: string, lang?: 'en') => {
      const c = new Client(ctx.server.url, lang ? { lang } : undefined);
      await c.signIn(email, DEMO_PASSWORD);
      return c;
    };
    ctx.owner = await signedIn('pemilik@hk05.test');
    ctx.staff = await signedIn('staf@hk05.test');
    ctx.other = await signedIn('pemilik@roti-balang.test');
    ctx.ownerIn = (lang) => signedIn('pemilik@hk05.test', lang);
  }, 900_000);
  afterAll(async () => {
    await ctx.server?.stop();
    await env?.close();
  });
  return ctx;
}
