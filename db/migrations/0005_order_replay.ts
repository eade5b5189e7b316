import type { Kysely } from 'kysely';

/**
 * Idempotent order placement has to answer a repeated request with the same status link, but only the
 * SHA-256 of the link's token is stored. The token is therefore kept sealed with a key derived from the
 * client's idempotency key (which the database holds only as a hash), so only the client that placed the
 * order can unseal it on a replay. Null once the merchant issues a new status link.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('token_box', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('token_box').execute();
}
