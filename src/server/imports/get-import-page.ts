import { inShop } from '../tenant/index.ts';
import { requireCapability, type Role } from '../auth/access.ts';
import type { ColumnMapping } from './marketplace-file.ts';
import { getMarketplaceImport } from './get-marketplace-import.ts';
import type { ImportView } from './import-views.ts';

export interface ImportPage {
  mappings: { name: string; columns: ColumnMapping }[];
  /** Products and variants to map an unmatched line to: `productId:variantId` and a label (no cost). */
  catalog: { value: string; label: string }[];
  recent: { id: string; fileName: string; status: ImportView['status']; createdAt: string }[];
  current: ImportView | null;
}

/** What the import page shows: saved column mappings, the catalog to map to, recent imports and the one being looked at. */
export async function getImportPage(opts: { shopId: string; role: Role; importId: string | null }): Promise<ImportPage> {
  requireCapability(opts.role, 'orders.manage');
  const current = opts.importId ? await getMarketplaceImport({ shopId: opts.shopId, role: opts.role, importId: opts.importId }) : null;
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const maps = await tx
      .selectFrom('marketplace_column_maps')
      .select(['name', 'mapping'])
      .where('shop_id', '=', shopId)
      .orderBy('name')
      .execute();
    const products = await tx.selectFrom('products').select(['id', 'name']).where('shop_id', '=', shopId).orderBy('name').execute();
    const variants = await tx
      .selectFrom('product_variants')
      .select(['id', 'product_id', 'name'])
      .where('shop_id', '=', shopId)
      .orderBy('name')
      .execute();
    const recent = await tx
      .selectFrom('marketplace_imports')
      .select(['id', 'file_name', 'status', 'created_at'])
      .where('shop_id', '=', shopId)
      .orderBy('created_at', 'desc')
      .limit(5)
      .execute();
    const catalog: ImportPage['catalog'] = [];
    for (const p of products) {
      catalog.push({ value: `${p.id}:`, label: p.name });
      for (const v of variants) if (v.product_id === p.id) catalog.push({ value: `${p.id}:${v.id}`, label: `${p.name} — ${v.name}` });
    }
    return {
      mappings: maps.map((m) => ({ name: m.name, columns: JSON.parse(m.mapping) as ColumnMapping })),
      catalog,
      recent: recent.map((r) => ({ id: r.id, fileName: r.file_name, status: r.status, createdAt: r.created_at })),
      current,
    };
  });
}
