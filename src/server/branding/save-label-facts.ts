import { NotFound } from '../errors.ts';
import { nowIso } from '../util.ts';
import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { missingFacts } from '#brand/facts.ts';
import { labelFactsIn } from './label-facts.ts';
import type { LabelFactsInput } from './schemas.ts';

export async function saveLabelFacts(opts: { shopId: string; userId: string; productId: string; input: LabelFactsInput; ip?: string }) {
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const product = await tx
      .selectFrom('products')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.productId)
      .executeTakeFirst();
    if (!product) throw new NotFound();
    const i = opts.input;
    const values = {
      net_weight: i.netWeight,
      composition: i.composition,
      producer_name: i.producerName,
      producer_address: i.producerAddress,
      registration_kind: i.registrationKind,
      registration_number: i.registrationNumber,
      production_code: i.productionCode,
      expiry_date: i.expiryDate,
      updated_by: opts.userId,
      updated_at: nowIso(),
    };
    await tx
      .insertInto('product_label_facts')
      .values({ shop_id: shopId, product_id: opts.productId, ...values })
      .onConflict((oc) => oc.columns(['shop_id', 'product_id']).doUpdateSet(values))
      .execute();
    await recordAudit({
      tx,
      shopId,
      userId: opts.userId,
      action: 'brand.factsUpdated',
      ip: opts.ip,
      details: { productId: opts.productId },
    });
    const facts = await labelFactsIn(scope, opts.productId);
    return { facts, missing: missingFacts(facts) };
  });
}
