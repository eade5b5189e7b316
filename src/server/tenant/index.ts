import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import { db, dialect, type Db, type Tx } from '../db/index.ts';
import { config } from '../config.ts';
import { LostRace } from '../errors.ts';
import { GroupCommit } from './group-commit.ts';
import { prepared } from '../db/prepared.ts';

/**
 * The one door to a shop's rows. Every function that reads or writes shop-owned data runs inside
 * `inShop(shopId, …)`, where shopId comes from the server-side session or the route, never from a
 * request body. On PostgreSQL the shop id is also set for the transaction (`app.shop_id`), so
 * row-level security policies (`USING (shop_id = current_setting('app.shop_id'))`) can later sit
 * under the same code without changing it.
 */
export interface ShopScope {
  readonly shopId: string;
  readonly tx: Tx;
}

const groups = new WeakMap<Db, GroupCommit>();
const joined = new AsyncLocalStorage<ShopScope>();

export async function inShop<T>(shopId: string, fn: (scope: ShopScope) => Promise<T>): Promise<T> {
  const outer = joined.getStore();
  if (outer && outer.shopId === shopId) return fn(outer);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inShopOnce(shopId, fn);
    } catch (err) {
      if (!(err instanceof LostRace) || attempt >= 3) throw err;
    }
  }
}

async function inShopOnce<T>(shopId: string, fn: (scope: ShopScope) => Promise<T>): Promise<T> {
  let scope: ShopScope | undefined;
  const run = (tx: Tx) => fn((scope = { shopId, tx }));
  let result: T;
  if (dialect() === 'sqlite' && config().sqliteGroupCommit) {
    const d = db();
    let group = groups.get(d);
    if (!group) groups.set(d, (group = new GroupCommit(d)));
    result = await group.run(run);
  } else {
    result = await db()
      .transaction()
      .execute(async (tx) => {
        if (dialect() === 'postgres') {
          await sql`select set_config('app.shop_id', ${shopId}, true)`.execute(tx);
        }
        return run(tx);
      });
  }
  if (scope && bumped.has(scope)) for (const listener of versionListeners) listener(shopId);
  return result;
}

const bumped = new WeakSet<ShopScope>();
const versionListeners = new Set<(shopId: string) => void>();

/**
 * Called with the shop id once a transaction that bumped the shop's version has committed: this process's
 * page cache forgets the version it remembered, so an owner who saves and then opens the catalog sees the
 * change at once (other app servers see it when their short memo lapses).
 */
export function onShopVersionCommitted(listener: (shopId: string) => void): void {
  versionListeners.add(listener);
}

/**
 * For a bulk load (the demo seed's months of history): every inShop(shopId, …) called from fn runs in this
 * one transaction instead of its own, so the use cases keep their code paths but share one BEGIN/COMMIT.
 * An error anywhere rolls back all of fn; on PostgreSQL a failed statement a use case catches would poison
 * the rest, so only callers whose use cases do not rely on catching database errors belong here.
 */
export async function inOneShopTransaction<T>(shopId: string, fn: () => Promise<T>): Promise<T> {
  return inShop(shopId, (scope) => joined.run(scope, fn));
}

/** Bumps the per-shop version that keys cached public pages (and their ETags). */
export async function bumpShopVersion(scope: ShopScope): Promise<void> {
  await bumpVersion.all(scope.tx, scope.shopId);
  bumped.add(scope);
}

const bumpVersion = prepared((q, shopId: string) =>
  q
    .updateTable('shops')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', shopId),
);

/**
 * The door for the few legitimate readers (and account-wide audit writes) that span shops; only the
 * named functions of this module use it. Under PostgreSQL row-level security it switches, for one
 * transaction, to PG_CROSS_SHOP_ROLE (BYPASSRLS); without RLS it is a plain query. On SQLite it must not
 * be called inside an inShop callback (one connection).
 */
export async function acrossShops<T>(fn: (q: Db | Tx) => Promise<T>): Promise<T> {
  const role = config().pgCrossShopRole;
  if (dialect() !== 'postgres' || !role) return fn(db());
  return db()
    .transaction()
    .execute(async (tx) => {
      await sql`set local role ${sql.id(role)}`.execute(tx);
      return fn(tx);
    });
}

/**
 * Holds the shop's row until the transaction ends (PostgreSQL; SQLite runs one writer at a time anyway), so
 * a decision read from several rows cannot interleave with another: a month close against a posting that
 * checked that month was open, or two closes.
 */
export async function lockShop(scope: ShopScope): Promise<void> {
  if (dialect() !== 'postgres') return;
  await sql`select id from shops where id = ${scope.shopId} for update`.execute(scope.tx);
}
