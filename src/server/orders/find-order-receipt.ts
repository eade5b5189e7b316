import { inShop } from '../tenant/index.ts';
import { normalizeOrderCode } from './order-code.ts';

/** The media id of an order's uploaded transfer receipt, for the shop's members; null when there is none. */
export async function findOrderReceipt(opts: { shopId: string; code: string }): Promise<string | null> {
  const code = normalizeOrderCode(opts.code);
  if (!code) return null;
  return inShop(
    opts.shopId,
    async ({ tx, shopId }) =>
      (await tx.selectFrom('orders').select('receipt_media_id').where('shop_id', '=', shopId).where('code', '=', code).executeTakeFirst())
        ?.receipt_media_id ?? null,
  );
}
