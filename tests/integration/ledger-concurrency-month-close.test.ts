import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { shopIdOf } from '#tests/helpers/orders.ts';
import { today } from '#tests/helpers/ledger.ts';
import { addDays } from '#server/ledger/report-period.ts';

/**
 * A month close and a posting dated into that month, or two closes, from two connections at once on
 * PostgreSQL: the shop's row lock puts one after the other (SQLite has one writer, so it cannot interleave).
 * The second connection is a plain pg client holding the lock the way the other side would.
 */
const postgres = !!process.env.DATABASE_URL;
let env: Awaited<ReturnType<typeof useTestDatabase>>;
let shopId: string;
let ownerId: string;
let month: string;

beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
  shopId = await shopIdOf('hk05');
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  ownerId = (
    await db()
      .selectFrom('shop_members')
      .select('user_id')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow()
  ).user_id;
  month = addDays(`${(await today(shopId)).slice(0, 7)}-01`, -1).slice(0, 7);
});
afterAll(async () => {
  await env?.close();
});

/** A second connection in a transaction that holds the shop's row, as a close or a dated posting does. */
async function holdShopRow(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query('begin');
  await c.query("select set_config('app.shop_id', $1, true)", [shopId]);
  await c.query('select id from shops where id = $1 for update', [shopId]);
  return c;
}

/** Resolves once `p` settled or another backend of this database waits for a lock; says which. */
async function waitsForLock(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    for (;;) {
      if (settled) return false;
      const r = await c.query(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
      );
      if (r.rows[0].n > 0) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await c.end();
  }
}

describe.runIf(postgres)('month close against postings from two connections (postgres)', () => {
  it('a posting dated into a month that a concurrent close is locking waits, then is refused as closed', async () => {
    const { recordExpense } = await import('#server/ledger/record-expense.ts');
    const closer = await holdShopRow();
    await closer.query('insert into ledger_periods (shop_id, month, closed_at, closed_by) values ($1, $2, $3, $4)', [
      shopId,
      month,
      new Date().toISOString(),
      ownerId,
    ]);
    const posting = recordExpense({
      shopId,
      role: 'owner',
      userId: ownerId,
      input: {
        account: '5303',
        amount: 50_000,
        paidWith: 'cash',
        date: `${month}-15`,
        memo: 'listrik',
        partyName: '',
        idempotencyKey: 'race-close-1',
      },
    });
    posting.catch(() => undefined);
    expect(await waitsForLock(posting)).toBe(true);
    await closer.query('commit');
    await closer.end();
    await expect(posting).rejects.toMatchObject({ messageKey: 'ledger.periodClosed' });
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const inMonth = await db()
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('day', '>=', `${month}-01`)
      .where('day', '<=', `${month}-31`)
      .execute();
    expect(inMonth).toEqual([]);
  });

  it('a close waits for a posting that holds the shop; two closes at once close the month once', async () => {
    const { closeMonth } = await import('#server/ledger/close-month.ts');
    const earlier = addDays(`${month}-01`, -1).slice(0, 7);
    const posting = await holdShopRow();
    const close = closeMonth({ shopId, role: 'owner', userId: ownerId, month: earlier });
    close.catch(() => undefined);
    expect(await waitsForLock(close)).toBe(true);
    await posting.query('commit');
    await posting.end();
    expect(await close).toEqual({ closed: true, month: earlier });

    const before = addDays(`${earlier}-01`, -1).slice(0, 7);
    const both = await Promise.all([1, 2].map(() => closeMonth({ shopId, role: 'owner', userId: ownerId, month: before })));
    expect(both.map((b) => b.closed).sort()).toEqual([false, true]);
  });
});
