import { sql, type Kysely } from 'kysely';

/**
 * Marketplace payouts matched across days (issue 10): a payout the merchant records by hand and the same
 * money read later from an export's released amounts are often dated a day or two apart, and per-day
 * totals (marketplace_payout_days, 0041) posted both. Each payout seen is now a row with what of it is not
 * yet matched by the other path (import-payouts.ts, matchPayout). The old per-day rows become such rows:
 * what one side had beyond the other stays open for matching.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('marketplace_payouts')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_order_id', 'text')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('unmatched', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_payouts_pk', ['shop_id', 'id'])
    .execute();
  await db.schema
    .createIndex('marketplace_payouts_open')
    .on('marketplace_payouts')
    .columns(['shop_id', 'marketplace', 'source', 'day'])
    .execute();
  const days = await db.selectFrom('marketplace_payout_days').selectAll().execute();
  let n = 0;
  for (const d of days) {
    const manual = Number(d.manual);
    const imported = Number(d.imported);
    for (const [source, amount, other] of [
      ['manual', manual, imported],
      ['import', imported, manual],
    ] as const) {
      if (amount <= 0) continue;
      await db
        .insertInto('marketplace_payouts')
        .values({
          shop_id: d.shop_id,
          id: `m0062-${++n}`,
          marketplace: d.marketplace,
          source,
          external_order_id: null,
          day: d.day,
          amount,
          unmatched: Math.max(0, amount - other),
          created_at: d.updated_at,
        })
        .execute();
    }
  }
  await db.schema.dropTable('marketplace_payout_days').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('marketplace_payout_days')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('manual', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_payout_days_pk', ['shop_id', 'marketplace', 'day'])
    .execute();
  await sql`insert into marketplace_payout_days (shop_id, marketplace, day, manual, imported, updated_at)
    select shop_id, marketplace, day,
      sum(case when source = 'manual' then amount else 0 end), sum(case when source = 'import' then amount else 0 end), max(created_at)
    from marketplace_payouts group by shop_id, marketplace, day`.execute(db);
  await db.schema.dropTable('marketplace_payouts').execute();
}
