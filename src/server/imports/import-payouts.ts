import type { ShopScope } from '../tenant/index.ts';
import type { Marketplace } from '../db/schema.ts';
import { nowIso } from '../util.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { postEntry } from '../ledger/post-entry.ts';
import type { ImportGroup } from './marketplace-orders.ts';

/**
 * One marketplace transfer may be recorded twice: by hand (the payout form) and through an export's
 * released amounts. Per marketplace and day the Bank has received max(recorded by hand, released in
 * exports), so each new record posts only what it adds beyond that: returns that increment after adding
 * `add` to the day's row (an upsert, which on PostgreSQL also holds the row until commit).
 */
export async function bookPayoutDay(
  scope: ShopScope,
  marketplace: Marketplace,
  day: string,
  add: { manual?: number; imported?: number },
): Promise<number> {
  const m = add.manual ?? 0;
  const i = add.imported ?? 0;
  const r = await scope.tx
    .insertInto('marketplace_payout_days')
    .values({ shop_id: scope.shopId, marketplace, day, manual: m, imported: i, updated_at: nowIso() })
    .onConflict((oc) =>
      oc.columns(['shop_id', 'marketplace', 'day']).doUpdateSet((eb) => ({
        manual: eb('marketplace_payout_days.manual', '+', eb.ref('excluded.manual')),
        imported: eb('marketplace_payout_days.imported', '+', eb.ref('excluded.imported')),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['manual', 'imported'])
    .executeTakeFirstOrThrow();
  const m1 = Number(r.manual);
  const i1 = Number(r.imported);
  return Math.max(m1, i1) - Math.max(m1 - m, i1 - i);
}

/**
 * The payouts an export shows (released amount and day) for its completed, delivered orders, each once:
 * Bank for what the day's transfer adds beyond a payout already recorded by hand, Piutang Marketplace
 * cleared for the order, and any difference between what the order still owed (total less the fees taken
 * at completion) and what was released as Beban Marketplace. Returns the external ids paid out now.
 */
export async function postImportPayouts(
  scope: ShopScope,
  opts: { marketplace: Marketplace; groups: readonly ImportGroup[]; userId: string },
): Promise<Set<string>> {
  const { tx, shopId } = scope;
  const paid = new Set<string>();
  const want = opts.groups.filter((g) => g.released !== null && g.releasedDay && g.status === 'completed');
  if (!want.length) return paid;
  const rows = new Map<string, { order_id: string; released: number | null; fees: number; status: string; total: number; code: string }>();
  for (let i = 0; i < want.length; i += 500) {
    const found = await tx
      .selectFrom('marketplace_orders')
      .innerJoin('orders', (j) =>
        j.onRef('orders.shop_id', '=', 'marketplace_orders.shop_id').onRef('orders.id', '=', 'marketplace_orders.order_id'),
      )
      .select([
        'marketplace_orders.external_order_id',
        'marketplace_orders.order_id',
        'marketplace_orders.released',
        'marketplace_orders.fees',
        'orders.status',
        'orders.total',
        'orders.code',
      ])
      .where('marketplace_orders.shop_id', '=', shopId)
      .where('marketplace_orders.marketplace', '=', opts.marketplace)
      .where(
        'marketplace_orders.external_order_id',
        'in',
        want.slice(i, i + 500).map((g) => g.externalOrderId),
      )
      .execute();
    for (const r of found)
      rows.set(r.external_order_id, {
        ...r,
        released: r.released === null ? null : Number(r.released),
        fees: Number(r.fees),
        total: Number(r.total),
      });
  }
  for (const g of want) {
    const o = rows.get(g.externalOrderId);
    if (!o || o.released !== null || o.status !== 'fulfilled') continue;
    const released = g.released!;
    const day = g.releasedDay!;
    const owed = o.total - o.fees;
    const bank = await bookPayoutDay(scope, opts.marketplace, day, { imported: released });
    await postEntry(scope, {
      key: `marketplace:${o.order_id}:payout`,
      source: { type: 'order', id: o.order_id },
      memo: `${o.code} dana dilepas`,
      createdBy: opts.userId,
      day,
      // A release dated in a closed month posts today, marked as belonging to it.
      correction: true,
      lines: [
        { account: ACCOUNTS.bank, amount: bank },
        { account: ACCOUNTS.marketplaceFees, amount: owed - released },
        // What a payout recorded by hand already cleared (released - bank) is not cleared again.
        { account: ACCOUNTS.marketplaceReceivable, amount: -(owed - (released - bank)) },
      ],
    });
    await tx
      .updateTable('marketplace_orders')
      .set({ released, released_day: day, updated_at: nowIso() })
      .where('shop_id', '=', shopId)
      .where('marketplace', '=', opts.marketplace)
      .where('external_order_id', '=', g.externalOrderId)
      .execute();
    paid.add(g.externalOrderId);
  }
  return paid;
}
