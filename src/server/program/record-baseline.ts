import type { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { newId, nowIso } from '../util.ts';
import type { baselineInput } from './registry-schemas.ts';
import { requireProgramShop } from './program-shop.ts';

/**
 * Pre-program sales of one month, estimated (how: `method`). One figure per month: recording a month again
 * replaces it. Callers check the right to the shop first: recordBaseline (officer) or the shop route (owner).
 */
export async function writeBaseline(opts: { shopId: string; userId: string; input: z.output<typeof baselineInput> }) {
  const values = { sales_rupiah: opts.input.salesRupiah, method: opts.input.method, recorded_by: opts.userId, recorded_at: nowIso() };
  await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .insertInto('shop_baselines')
      .values({ shop_id: shopId, id: newId(), month: opts.input.month, ...values })
      .onConflict((oc) => oc.columns(['shop_id', 'month']).doUpdateSet(values))
      .execute(),
  );
}

export async function recordBaseline(opts: { userId: string; programId: string; shopId: string; input: z.output<typeof baselineInput> }) {
  await requireProgramShop(opts);
  await writeBaseline(opts);
}
