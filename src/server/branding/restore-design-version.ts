import { nowIso } from '../util.ts';
import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { designRow, loadDoc } from './design-store.ts';

export async function restoreVersion(opts: { shopId: string; userId: string; designId: string; version: number; ip?: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    const doc = await loadDoc(scope, row.id, opts.version);
    const version = row.version + 1;
    const now = nowIso();
    await scope.tx
      .insertInto('design_versions')
      .values({
        shop_id: scope.shopId,
        design_id: row.id,
        version,
        doc: JSON.stringify(doc),
        note: `restore:${opts.version}`,
        created_by: opts.userId,
        created_at: now,
      })
      .execute();
    await scope.tx
      .updateTable('designs')
      .set({ version, updated_at: now })
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', row.id)
      .execute();
    await recordAudit({
      tx: scope.tx,
      shopId: scope.shopId,
      userId: opts.userId,
      action: 'brand.versionRestored',
      ip: opts.ip,
      details: { designId: row.id, from: opts.version },
    });
    return { id: row.id, version, doc };
  });
}
