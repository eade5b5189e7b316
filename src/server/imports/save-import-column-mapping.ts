import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import { nowIso } from '../util.ts';
import type { ColumnMappingInput } from './schemas.ts';

/** Saves (or replaces) a named column mapping for CSV exports in another layout; imports name it to read such a file. */
export async function saveImportColumnMapping(opts: { shopId: string; role: Role; input: ColumnMappingInput }): Promise<{ name: string }> {
  requireCapability(opts.role, 'orders.manage');
  const { name, columns } = opts.input;
  const mapping = JSON.stringify(Object.fromEntries(Object.entries(columns).filter(([, v]) => !!v)));
  await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .insertInto('marketplace_column_maps')
      .values({ shop_id: shopId, name, mapping, updated_at: nowIso() })
      .onConflict((oc) => oc.columns(['shop_id', 'name']).doUpdateSet({ mapping, updated_at: nowIso() }))
      .execute(),
  );
  return { name };
}
