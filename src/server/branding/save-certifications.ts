import { nowIso } from '../util.ts';
import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import type { z } from 'zod';
import type { certificationsInput } from './schemas.ts';

export async function saveCertifications(opts: {
  shopId: string;
  userId: string;
  input: z.output<typeof certificationsInput>;
  ip?: string;
}) {
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const values = { halal_number: opts.input.halalNumber, nib: opts.input.nib, updated_at: nowIso() };
    await tx
      .insertInto('shop_certifications')
      .values({ shop_id: shopId, ...values })
      .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
      .execute();
    await recordAudit({
      tx,
      shopId,
      userId: opts.userId,
      action: 'brand.certificationsUpdated',
      ip: opts.ip,
      details: { halal: !!opts.input.halalNumber },
    });
    return { halalNumber: values.halal_number, nib: values.nib };
  });
}
