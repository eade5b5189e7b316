import { inShop } from '../tenant/index.ts';
import { designRow } from './design-store.ts';

export async function listVersions(opts: { shopId: string; designId: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    const versions = await scope.tx
      .selectFrom('design_versions')
      .leftJoin('users', 'users.id', 'design_versions.created_by')
      .select(['design_versions.version', 'design_versions.note', 'design_versions.created_at as createdAt', 'users.name as author'])
      .where('design_versions.shop_id', '=', scope.shopId)
      .where('design_versions.design_id', '=', row.id)
      .orderBy('design_versions.version', 'desc')
      .limit(100)
      .execute();
    return { current: row.version, versions };
  });
}
