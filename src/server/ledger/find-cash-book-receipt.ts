import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { requireCapability } from './require-capability.ts';

/** The receipt photo of a cash-book record (its media id, or null), for the owner. */
export async function findCashBookReceipt(opts: { shopId: string; role: Role; cashBookId: string }): Promise<string | null> {
  requireCapability(opts.role, 'reports.profit');
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const r = await tx
      .selectFrom('cash_book')
      .select('receipt_media_id')
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.cashBookId)
      .executeTakeFirst();
    return r?.receipt_media_id ?? null;
  });
}
