import { inShop } from '../tenant/index.ts';
import { findOrderByToken } from './get-customer-order.ts';

/**
 * The shop's QRIS image for the holder of a transfer order's status link: its media id, or null when the
 * order is not paid by transfer or the shop has no QRIS. NotFound for a wrong code or token.
 */
export async function findOrderQris(opts: { shopId: string; code: string; token: string }): Promise<string | null> {
  return inShop(opts.shopId, async (scope) => {
    const o = await findOrderByToken(scope, opts.code, opts.token);
    const row = await scope.tx
      .selectFrom('orders')
      .select('payment_method')
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    if (row.payment_method !== 'transfer') return null;
    const s = await scope.tx
      .selectFrom('shop_payment_settings')
      .select('qris_media_id')
      .where('shop_id', '=', scope.shopId)
      .executeTakeFirst();
    return s?.qris_media_id ?? null;
  });
}
