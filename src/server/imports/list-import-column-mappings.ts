import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import type { ColumnMapping } from './marketplace-file.ts';

/** The column mappings the shop saved for CSV layouts other than Shopee's and TikTok Shop's. */
export async function listImportColumnMappings(opts: {
  shopId: string;
  role: Role;
}): Promise<{ mappings: { name: string; columns: ColumnMapping; updatedAt: string }[] }> {
  requireCapability(opts.role, 'orders.manage');
  const rows = await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .selectFrom('marketplace_column_maps')
      .select(['name', 'mapping', 'updated_at'])
      .where('shop_id', '=', shopId)
      .orderBy('name')
      .execute(),
  );
  return { mappings: rows.map((r) => ({ name: r.name, columns: JSON.parse(r.mapping) as ColumnMapping, updatedAt: r.updated_at })) };
}
