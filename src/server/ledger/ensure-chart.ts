import type { ShopScope } from '../tenant/index.ts';
import { nowIso } from '../util.ts';
import { CHART_TEMPLATE } from './chart-template.ts';

const ready = new Set<string>();

/**
 * Give the shop its SAK EMKM chart of accounts (idempotent). New shops get it when they are created;
 * postings call it too, so a shop made by any other path (seed, tests) is never without one.
 */
export async function ensureChart(scope: ShopScope): Promise<void> {
  if (ready.has(scope.shopId)) return;
  const { tx, shopId } = scope;
  const found = await tx.selectFrom('ledger_shops').select('shop_id').where('shop_id', '=', shopId).executeTakeFirst();
  if (found) {
    // Only a row seen here, not one this transaction inserts, is cached: the transaction may still roll back.
    ready.add(shopId);
    return;
  }
  const now = nowIso();
  await tx
    .insertInto('ledger_shops')
    .values({ shop_id: shopId, started_at: now })
    .onConflict((oc) => oc.column('shop_id').doNothing())
    .execute();
  await tx
    .insertInto('ledger_accounts')
    .values(
      CHART_TEMPLATE.map((a) => ({
        shop_id: shopId,
        code: a.code,
        type: a.type,
        name_id: a.id,
        name_en: a.en,
        contra: a.contra ? 1 : 0,
        system: 1,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['shop_id', 'code']).doNothing())
    .execute();
}
