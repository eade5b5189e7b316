import type { ShopScope } from '../tenant/index.ts';

export const OPENING_SOURCE = 'opening_balance';

/** The standing opening entry (saldo awal): the latest one not reversed by a correction. */
export async function standingOpening(scope: ShopScope): Promise<{ id: string; day: string; idem_key: string } | undefined> {
  return scope.tx
    .selectFrom('journal_entries as e')
    .leftJoin('journal_entries as r', (j) => j.onRef('r.shop_id', '=', 'e.shop_id').onRef('r.reverses_id', '=', 'e.id'))
    .select(['e.id', 'e.day', 'e.idem_key'])
    .where('e.shop_id', '=', scope.shopId)
    .where('e.source_type', '=', OPENING_SOURCE)
    .where('r.id', 'is', null)
    .orderBy('e.created_at', 'desc')
    .executeTakeFirst();
}
