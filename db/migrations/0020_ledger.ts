import type { Kysely } from 'kysely';
import { CHART_TEMPLATE } from '#server/ledger/chart-template.ts';

/**
 * The sales ledger (issue 10): a per-shop chart of accounts, append-only journal entries with their
 * postings (signed whole Rupiah: debit +, credit -), each entry keyed by its source event so it posts
 * once; totals maintained with every entry (grain 'a' all-time, 'm' month, 'd' day, in the program's
 * time zone) so reports read aggregates, never postings; and stock movements that carry every change
 * of a product's or variant's stock with its value at moving-average cost.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_shops')
    .addColumn('shop_id', 'text', (c) => c.notNull().primaryKey().references('shops.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // asset | liability | equity | revenue | expense
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('contra', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('system', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_accounts_pk', ['shop_id', 'code'])
    .execute();
  await db.schema
    .createTable('journal_entries')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD in the program's time zone
    .addColumn('source_type', 'text', (c) => c.notNull()) // order | stock | manual | reversal | opening
    .addColumn('source_id', 'text')
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reverses_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_entries_pk', ['shop_id', 'id'])
    .addUniqueConstraint('journal_entries_idem', ['shop_id', 'idem_key'])
    .execute();
  await db.schema.createIndex('journal_entries_source').on('journal_entries').columns(['shop_id', 'source_type', 'source_id']).execute();
  await db.schema
    .createTable('journal_postings')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull()) // debit +, credit -
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_postings_pk', ['shop_id', 'entry_id', 'line_no'])
    .addForeignKeyConstraint('journal_postings_account', ['shop_id', 'account_code'], 'ledger_accounts', ['shop_id', 'code'])
    .addForeignKeyConstraint('journal_postings_entry', ['shop_id', 'entry_id'], 'journal_entries', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('journal_postings_account').on('journal_postings').columns(['shop_id', 'account_code', 'day']).execute();
  await db.schema
    .createTable('ledger_totals')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull()) // a (all time) | m (YYYY-MM) | d (YYYY-MM-DD)
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('debit', 'bigint', (c) => c.notNull())
    .addColumn('credit', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_totals_pk', ['shop_id', 'grain', 'period', 'account_code'])
    .execute();
  await db.schema
    .createTable('stock_movements')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull().defaultTo('')) // '' = the product itself
    .addColumn('kind', 'text', (c) => c.notNull()) // opening | stock_in | reserve | release | sale | count | edit
    .addColumn('quantity', 'integer', (c) => c.notNull()) // change of the storefront stock
    .addColumn('value', 'bigint', (c) => c.notNull()) // change of the item's stock value
    .addColumn('gl_value', 'bigint', (c) => c.notNull()) // change of the Persediaan account
    .addColumn('order_id', 'text')
    .addColumn('line_no', 'integer')
    .addColumn('entry_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_movements_pk', ['shop_id', 'id'])
    .addUniqueConstraint('stock_movements_idem', ['shop_id', 'idem_key'])
    .execute();
  await db.schema.createIndex('stock_movements_order').on('stock_movements').columns(['shop_id', 'order_id']).execute();
  await db.schema.createIndex('stock_movements_item').on('stock_movements').columns(['shop_id', 'product_id', 'variant_id']).execute();
  // Value of the stock a product/variant holds at cost; null until the ledger first takes the item in.
  await db.schema.alterTable('products').addColumn('stock_value', 'bigint').execute();
  await db.schema.alterTable('product_variants').addColumn('stock_value', 'bigint').execute();

  const now = new Date().toISOString();
  const shops = await db.selectFrom('shops').select('id').execute();
  for (const s of shops) {
    await db.insertInto('ledger_shops').values({ shop_id: s.id, started_at: now }).execute();
    await db
      .insertInto('ledger_accounts')
      .values(
        CHART_TEMPLATE.map((a) => ({
          shop_id: s.id,
          code: a.code,
          type: a.type,
          name_id: a.id,
          name_en: a.en,
          contra: a.contra ? 1 : 0,
          system: 1,
          created_at: now,
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_variants').dropColumn('stock_value').execute();
  await db.schema.alterTable('products').dropColumn('stock_value').execute();
  for (const t of ['stock_movements', 'ledger_totals', 'journal_postings', 'journal_entries', 'ledger_accounts', 'ledger_shops']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
