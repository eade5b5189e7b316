import { db } from '../db/index.ts';

/** Cross-shop read for the ledger check: every shop's id (each is then checked inside its own inShop). */
export async function allShopIds(): Promise<string[]> {
  return (await db().selectFrom('shops').select('id').orderBy('id').execute()).map((r) => r.id);
}
