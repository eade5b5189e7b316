import { inShop } from '../tenant/index.ts';
import { sha256Hex } from '../util.ts';
import type { OrderStatus } from '../db/schema.ts';
import { expireOrderIfDue } from './expire-orders.ts';
import type { OrderRef } from './recent-orders-cookie.ts';

export interface RecentOrder {
  code: string;
  status: OrderStatus;
  createdAt: string;
  total: number;
  itemCount: number;
  path: string;
  /** The reference as the cookie keeps it (the page rewrites the cookie with the ones still found). */
  ref: OrderRef;
}

/**
 * The orders this device placed at one shop (the `ro_<shopId>` cookie's references), newest first. A
 * reference counts only with its matching token, exactly like the status link; others are left out.
 */
export async function listRecentOrders(opts: { shopId: string; shopSlug: string; refs: OrderRef[] }): Promise<RecentOrder[]> {
  if (!opts.refs.length) return [];
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const rows = await tx
      .selectFrom('orders')
      .select(['id', 'code', 'access_token_hash'])
      .where('shop_id', '=', shopId)
      .where(
        'code',
        'in',
        opts.refs.map((r) => r.code),
      )
      .execute();
    const out: RecentOrder[] = [];
    for (const ref of opts.refs) {
      const row = rows.find((r) => r.code === ref.code && r.access_token_hash === sha256Hex(ref.token));
      if (!row) continue;
      await expireOrderIfDue(scope, row.id);
      const o = await tx
        .selectFrom('orders')
        .select(['status', 'created_at', 'total'])
        .where('shop_id', '=', shopId)
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      const items = await tx
        .selectFrom('order_lines')
        .select((eb) => eb.fn.sum<number | string>('quantity').as('n'))
        .where('shop_id', '=', shopId)
        .where('order_id', '=', row.id)
        .executeTakeFirst();
      out.push({
        code: row.code,
        status: o.status,
        createdAt: o.created_at,
        total: Number(o.total),
        itemCount: Number(items?.n ?? 0),
        path: `/${opts.shopSlug}/pesanan/${encodeURIComponent(row.code)}/${ref.token}`,
        ref,
      });
    }
    return out;
  });
}
