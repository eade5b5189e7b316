import { inShop } from '../tenant/index.ts';
import { missingFacts } from '#brand/facts.ts';
import { labelFactsIn } from './label-facts.ts';

/** Products with their label facts and what is still missing, for the studio's facts panel. */
export async function listLabelFacts(opts: { shopId: string }) {
  return inShop(opts.shopId, async (scope) => {
    const products = await scope.tx
      .selectFrom('products')
      .select(['id', 'name', 'slug'])
      .where('shop_id', '=', scope.shopId)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
    const out = [];
    for (const p of products) {
      const facts = await labelFactsIn(scope, p.id);
      out.push({ productId: p.id, slug: p.slug, name: p.name, facts, missing: missingFacts(facts) });
    }
    const cert = await scope.tx.selectFrom('shop_certifications').selectAll().where('shop_id', '=', scope.shopId).executeTakeFirst();
    return { products: out, certifications: { halalNumber: cert?.halal_number ?? '', nib: cert?.nib ?? '' } };
  });
}
