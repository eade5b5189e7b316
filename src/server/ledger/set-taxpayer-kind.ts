import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ensureChart } from './ensure-chart.ts';
import { requireCapability } from './require-capability.ts';

export const TaxpayerKind = z.enum(['individual', 'entity']);
export type TaxpayerKind = z.infer<typeof TaxpayerKind>;

/**
 * Who the shop's taxpayer is: an individual (orang pribadi, whose first Rp 500 juta of turnover a year is
 * free of PPh Final under PP 55/2022) or an entity (badan). The PPh estimate applies the exemption only
 * when the owner has said so.
 */
export async function setTaxpayerKind(opts: { shopId: string; role: Role; kind: unknown }): Promise<{ kind: TaxpayerKind }> {
  requireCapability(opts.role, 'shop.edit');
  const parsed = TaxpayerKind.safeParse(opts.kind);
  if (!parsed.success) throw new Invalid({ kind: ['reports.taxpayerKindInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    await scope.tx.updateTable('ledger_shops').set({ taxpayer_kind: parsed.data }).where('shop_id', '=', scope.shopId).execute();
    return { kind: parsed.data };
  });
}
