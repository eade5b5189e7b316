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
});
