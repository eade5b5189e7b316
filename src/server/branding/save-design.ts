import { Conflict, Invalid } from '../errors.ts';
import { nowIso } from '../util.ts';
import { inShop } from '../tenant/index.ts';
import type { Locale } from '#i18n/index.ts';
import { checkProduct, designRow } from './design-store.ts';
import { validateDesign } from './validate-design.ts';
import type { z } from 'zod';
import type { saveDesignInput } from './schemas.ts';

export async function saveDesign(opts: {
  shopId: string;
  userId: string;
  designId: string;
  input: z.output<typeof saveDesignInput>;
  locale: Locale;
  ip?: string;
}) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    if (opts.input.baseVersion !== undefined && opts.input.baseVersion !== row.version) throw new Conflict('brand.design.stale');
    const doc = await validateDesign(scope, opts.input.doc, opts.locale);
    if (doc.page.kind !== row.kind) throw new Invalid({ 'doc.page.kind': ['brand.design.kindChanged'] });
    const productId = opts.input.productId === undefined ? row.product_id : await checkProduct(scope, opts.input.productId);
    const version = row.version + 1;
    const now = nowIso();
    await scope.tx
      .insertInto('design_versions')
      .values({
        shop_id: scope.shopId,
        design_id: row.id,
        version,
        doc: JSON.stringify(doc),
        note: opts.input.note ?? '',
        created_by: opts.userId,
        created_at: now,
      })
      .execute();
    await scope.tx
      .updateTable('designs')
      .set({ version, updated_at: now, name: opts.input.name ?? row.name, product_id: productId })
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', row.id)
      .execute();
    return { id: row.id, version };
  });
}
