import type { Kysely } from 'kysely';

/**
 * Cash book corrections and depreciation from events (issue 10): `depreciated_through` (YYYY-MM) is the
 * last month whose depreciation an asset has posted, so the catch-up run with each cash-book posting and
 * each month close is one indexed read when nothing is due; `stopped_at` is set when the asset's purchase
 * is reversed, and no depreciation is posted for it after that.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fixed_assets').addColumn('depreciated_through', 'text').execute();
  await db.schema.alterTable('fixed_assets').addColumn('stopped_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fixed_assets').dropColumn('stopped_at').execute();
  await db.schema.alterTable('fixed_assets').dropColumn('depreciated_through').execute();
}
