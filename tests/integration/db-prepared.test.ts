import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase();
});
afterAll(async () => {
  await env.close();
});

describe(`prepared queries (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('binds new values to a query compiled once, per shape of its arguments', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { prepared } = await import('#server/db/prepared.ts');
    const insert = prepared((q, rows: { id: string; slug: string; name: string; timezone?: string; created_at: string }[]) =>
      q.insertInto('programs').values(rows),
    );
    const byIds = prepared((q, ids: string[], slug: string) =>
      q.selectFrom('programs').select(['id', 'timezone']).where('id', 'in', ids).where('slug', '!=', slug).orderBy('id'),
    );
    const rename = prepared((q, name: string, id: string) => q.updateTable('programs').set({ name }).where('id', '=', id));
    const at = new Date().toISOString();
    await insert.all(db(), [{ id: 'a', slug: 'a', name: 'A', timezone: 'Asia/Jakarta', created_at: at }]);
    // An undefined value leaves its column out, so the column's default applies (not NULL).
    await insert.all(db(), [{ id: 'b', slug: 'b', name: 'B', timezone: undefined, created_at: at }]);
    await insert.all(db(), [
      { id: 'c', slug: 'c', name: 'C', timezone: 'Asia/Jayapura', created_at: at },
      { id: 'd', slug: 'd', name: 'D', timezone: 'Asia/Jakarta', created_at: at },
    ]);
    expect(await byIds.all(db(), ['a', 'b', 'c', 'd'], 'c')).toEqual([
      { id: 'a', timezone: 'Asia/Jakarta' },
      { id: 'b', timezone: 'Asia/Makassar' },
      { id: 'd', timezone: 'Asia/Jakarta' },
    ]);
    expect(await byIds.all(db(), ['c'], 'a')).toEqual([{ id: 'c', timezone: 'Asia/Jayapura' }]);
    expect(await byIds.first(db(), ['x'], 'a')).toBeUndefined();
    expect(await rename.affected(db(), 'Baru', 'b')).toBe(1);
    expect(await rename.affected(db(), 'Baru', 'x')).toBe(0);
    expect((await db().selectFrom('programs').select('name').where('id', '=', 'b').executeTakeFirstOrThrow()).name).toBe('Baru');
  });

  it('inside shop transactions runs on the held connection: a transaction sees its own writes, and one that fails rolls back alone', async () => {
    // On SQLite concurrent inShop calls share one group-commit transaction, each in its own savepoint, and prepared
    // statements run on that connection directly; on PostgreSQL each is its own transaction.
    const { db } = await import('#server/db/index.ts');
    const { inShop } = await import('#server/tenant/index.ts');
    const { prepared } = await import('#server/db/prepared.ts');
    const insert = prepared((q, row: { id: string; slug: string; name: string; created_at: string }) =>
      q.insertInto('programs').values(row),
    );
    const rename = prepared((q, name: string, id: string) => q.updateTable('programs').set({ name }).where('id', '=', id));
    const nameOf = prepared((q, id: string) => q.selectFrom('programs').select('name').where('id', '=', id));
    const at = new Date().toISOString();
    const ids = ['tx1', 'tx2', 'tx3'];
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        inShop('no-shop', async ({ tx }) => {
          await insert.all(tx, { id, slug: id, name: 'Lama', created_at: at });
          expect(await rename.affected(tx, 'Baru', id)).toBe(1);
          expect(await nameOf.first(tx, id)).toEqual({ name: 'Baru' });
          if (i === 1) throw new Error('gagal setelah menulis');
          return id;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db().selectFrom('programs').select(['id', 'name']).where('id', 'in', ids).orderBy('id').execute()).toEqual([
      { id: 'tx1', name: 'Baru' },
      { id: 'tx3', name: 'Baru' },
    ]);
  });
});
