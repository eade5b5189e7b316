import { ACCOUNT_EVENTS } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';

export async function listAudit(opts: { shopId: string; role: ShopRole; limit?: number }) {
  requireCapability(opts.role, 'audit.view');
  const rows = await inShop(opts.shopId, ({ tx, shopId }) =>
    tx
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .select(['audit_log.id', 'audit_log.action', 'audit_log.details', 'audit_log.ip', 'audit_log.created_at', 'users.name as actor'])
      .where('audit_log.shop_id', '=', shopId)
      .orderBy('audit_log.created_at', 'desc')
      .limit(opts.limit ?? 200)
      .execute(),
  );
  return rows.map((r) => ({ ...r, dayOnly: ACCOUNT_EVENTS.includes(r.action) }));
}
