import { Invalid, NotFound } from '../errors.ts';
import type { ShopScope } from '../tenant/index.ts';
import { designDoc, type DesignDoc } from '#brand/schema.ts';

/** Designs of a shop: every Save is a new immutable version; restoring copies an old one forward. */

export async function designRow(scope: ShopScope, designId: string) {
  const row = await scope.tx
    .selectFrom('designs')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', designId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

export async function loadDoc(scope: ShopScope, designId: string, version: number): Promise<DesignDoc> {
  const v = await scope.tx
    .selectFrom('design_versions')
    .select('doc')
    .where('shop_id', '=', scope.shopId)
    .where('design_id', '=', designId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) throw new NotFound();
  return designDoc.parse(JSON.parse(v.doc));
}

export async function checkProduct(scope: ShopScope, productId: string | null | undefined) {
  if (!productId) return null;
  const p = await scope.tx
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!p) throw new Invalid({ productId: ['brand.design.productUnknown'] });
  return p.id;
}
