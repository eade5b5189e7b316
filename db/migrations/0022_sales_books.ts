import type { Kysely } from 'kysely';

/**
 * Sales from every channel and the cash book (issue 10): the marketplace an order came from, who set a
 * line's price by hand (quick sale), returns after fulfilment per line, receivables and payables with
 * due dates (hutang piutang), cash-book records (expenses with an optional receipt photo, capital,
 * prive, purchases on credit, equipment) with fixed assets for straight-line depreciation, and closed
 * months. `journal_entries.belongs_to` marks a correction posted into an open month for a closed one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('marketplace', 'text').execute(); // shopee | tokopedia_tiktok | other
  await db.schema.alterTable('order_lines').addColumn('list_price', 'bigint').execute(); // catalog price when overridden
  await db.schema.alterTable('order_lines').addColumn('price_set_by', 'text').execute(); // user who overrode the price
  await db.schema.alterTable('journal_entries').addColumn('belongs_to', 'text').execute(); // YYYY-MM of a closed month

  await db.schema
    .createTable('ledger_periods')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM, the program's time zone
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addPrimaryKeyConstraint('ledger_periods_pk', ['shop_id', 'month'])
    .execute();

  await db.schema
    .createTable('ledger_debts')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // receivable | payable
    .addColumn('order_id', 'text')
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_phone', 'text') // E.164
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('settled', 'bigint', (c) => c.notNull().defaultTo(0)) // paid so far
    .addColumn('reduced', 'bigint', (c) => c.notNull().defaultTo(0)) // taken off by returns
    .addColumn('due_date', 'text') // YYYY-MM-DD
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_debts_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('ledger_debts_due').on('ledger_debts').columns(['shop_id', 'kind', 'due_date']).execute();
  await db.schema.createIndex('ledger_debts_order').on('ledger_debts').columns(['shop_id', 'order_id']).execute();

  await db.schema
    .createTable('order_returns')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .addColumn('restock', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_returns_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('order_returns_order').on('order_returns').columns(['shop_id', 'order_id']).execute();
  await db.schema
    .createTable('order_return_lines')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_return_lines_pk', ['shop_id', 'return_id', 'line_no'])
    .execute();
  await db.schema.createIndex('order_return_lines_order').on('order_return_lines').columns(['shop_id', 'order_id', 'line_no']).execute();

  await db.schema
    .createTable('cash_book')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // expense | capital | drawing | purchase_credit | equipment
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull()) // the account debited (or credited for capital)
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_with', 'text', (c) => c.notNull()) // cash | bank | credit
    .addColumn('party_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('receipt_media_id', 'text')
    .addColumn('debt_id', 'text')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cash_book_pk', ['shop_id', 'id'])
    .execute();
  await db.schema.createIndex('cash_book_day').on('cash_book').columns(['shop_id', 'day']).execute();

  await db.schema
    .createTable('fixed_assets')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .addColumn('salvage', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('life_months', 'integer', (c) => c.notNull())
    .addColumn('start_month', 'text', (c) => c.notNull()) // YYYY-MM: first month depreciated
    .addColumn('cash_book_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fixed_assets_pk', ['shop_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fixed_assets', 'cash_book', 'order_return_lines', 'order_returns', 'ledger_debts', 'ledger_periods']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('journal_entries').dropColumn('belongs_to').execute();
  await db.schema.alterTable('order_lines').dropColumn('price_set_by').execute();
  await db.schema.alterTable('order_lines').dropColumn('list_price').execute();
  await db.schema.alterTable('orders').dropColumn('marketplace').execute();
}
