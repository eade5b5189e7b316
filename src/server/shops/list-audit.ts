import { ACCOUNT_EVENTS } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';

export async function listAudit(shopId: string, limit = 200) {
  const rows = await inShop(shopId, ({ tx }) => tx.selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.action', 'audit_log.details', 'audit_log.ip', 'audit_log.created_at', 'users.name as actor'])
    .where('audit_log.shop_id', '=', shopId)
    .orderBy('audit_log.created_at', 'desc').limit(limit).execute());
  return rows.map((r) => ({ ...r, dayOnly: ACCOUNT_EVENTS.includes(r.action) }));
}
