import { sql } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import type { Marketplace } from '../db/schema.ts';
import { dialect } from '../db/index.ts';
import { newId, nowIso } from '../util.ts';
import { ACCOUNTS } from '../ledger/chart-template.ts';
import { postEntry } from '../ledger/post-entry.ts';
import type { ImportGroup } from './marketplace-orders.ts';

/**
 * How far apart, in days, a payout recorded by hand and a release read from an export may be dated and
 * still be the same transfer. Marketplaces date a release when they let the money go, the bank credits it
 * a working day or two later (a weekend makes it three), and the merchant types the day they saw it.
 */
export const PAYOUT_MATCH_DAYS = 3;

/**
 * One marketplace transfer may be seen twice: by hand (the payout form, a lump sum without order ids) and
 * through an export's released amounts (per order). The rule: money seen one way is first set against what
 * the other way has seen for the same marketplace within PAYOUT_MATCH_DAYS of its day and not matched yet
 * (an export release of the same order first, then one of exactly this amount, then the nearest day, the
 * older first); only the rest is new money for the Bank. Returns that rest. Holds the shop's marketplace
 * (an advisory lock on PostgreSQL, SQLite's write lock otherwise), so two payouts at once match in turn.
 */
export async function matchPayout(
  scope: ShopScope,
  p: { marketplace: Marketplace; source: 'manual' | 'import'; day: string; amount: number; externalOrderId?: string | null },
): Promise<{ toBank: number; matched: number }> {
  const { tx, shopId } = scope;
  if (dialect() === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtextextended(${`payout:${shopId}:${p.marketplace}`}, 0))`.execute(tx);
  const open = await tx
    .selectFrom('marketplace_payouts')
    .select(['id', 'external_order_id', 'day', 'unmatched', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('marketplace', '=', p.marketplace)
    .where('source', '=', p.source === 'manual' ? 'import' : 'manual')
    .where('day', '>=', shiftDay(p.day, -PAYOUT_MATCH_DAYS))
    .where('day', '<=', shiftDay(p.day, PAYOUT_MATCH_DAYS))
    .where('unmatched', '>', 0)
    .execute();
  const rank = (r: (typeof open)[number]) => [
    p.externalOrderId && r.external_order_id === p.externalOrderId ? 0 : 1,
    Number(r.unmatched) === p.amount ? 0 : 1,
    Math.abs(dayNumber(r.day) - dayNumber(p.day)),
    dayNumber(r.day),
  ];
  open.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1;
  });
  let rest = p.amount;
  for (const r of open) {
    if (rest === 0) break;
    const take = Math.min(rest, Number(r.unmatched));
    await tx
      .updateTable('marketplace_payouts')
      .set({ unmatched: Number(r.unmatched) - take })
      .where('shop_id', '=', shopId)
      .where('id', '=', r.id)
      .execute();
    rest -= take;
  }
  await tx
    .insertInto('marketplace_payouts')
    .values({
      shop_id: shopId,
      id: newId(),
      marketplace: p.marketplace,
      source: p.source,
      external_order_id: p.externalOrderId ?? null,
      day: p.day,
      amount: p.amount,
      unmatched: rest,
      created_at: nowIso(),
    })
    .execute();
  return { toBank: rest, matched: p.amount - rest };
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
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
    const { toBank: bank } = await matchPayout(scope, {
      marketplace: opts.marketplace,
      source: 'import',
      day,
      amount: released,
      externalOrderId: g.externalOrderId,
    });
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
