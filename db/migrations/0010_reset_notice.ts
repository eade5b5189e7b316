import type { Kysely } from 'kysely';

/**
 * A password reset issued by someone else is shown to the account's holder on their next sign-in
 * (who reset it and when). notice_seen_at marks that it has been shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('password_resets').addColumn('notice_seen_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('password_resets').dropColumn('notice_seen_at').execute();
}
