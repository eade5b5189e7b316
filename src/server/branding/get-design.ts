import { inShop } from '../tenant/index.ts';
import { missingFacts } from '#brand/facts.ts';
import { labelFactsIn } from './label-facts.ts';
import { designRow, loadDoc } from './design-store.ts';

export async function getDesign(opts: { shopId: string; designId: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    const doc = await loadDoc(scope, row.id, row.version);
    const facts = await labelFactsIn(scope, row.product_id);
    return {
      design: {
        id: row.id,
        kind: row.kind,
        name: row.name,
        productId: row.product_id,
        templateId: row.template_id,
        version: row.version,
        updatedAt: row.updated_at,
      },
      doc,
      facts,
      missing: row.kind === 'label' ? missingFacts(facts) : [],
    };
  });
}
