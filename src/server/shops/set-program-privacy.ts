import { inShop } from '../tenant/index.ts';
import { nowIso } from '../util.ts';
import { recordAudit } from '../auth/audit.ts';

/**
 * The owner's choice to keep the shop out of the program office's per-shop views (its figures still count
 * in totals by village, kecamatan and program). The route checks shop.edit.
 */
export async function setProgramPrivacy(opts: { shopId: string; userId: string; optOut: boolean; ip?: string }) {
  const flag = opts.optOut ? 1 : 0;
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    await tx
      .insertInto('shop_registry')
      .values({ shop_id: shopId, per_shop_opt_out: flag, updated_at: nowIso(), updated_by: opts.userId })
      .onConflict((oc) => oc.column('shop_id').doUpdateSet({ per_shop_opt_out: flag }))
      .execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'shop.updated', ip: opts.ip, details: { programOptOut: opts.optOut } });
  });
}

export async function getProgramPrivacy(shopId: string) {
  return inShop(shopId, async ({ tx, shopId: id }) => {
    const row = await tx.selectFrom('shop_registry').select('per_shop_opt_out').where('shop_id', '=', id).executeTakeFirst();
    return { optOut: row?.per_shop_opt_out === 1 };
  });
}
