import { db } from '../db/index.ts';
import type { Tx } from '../db/index.ts';
import { newId, nowIso } from '../util.ts';

interface AuditInput {
  userId: string | null;
  action: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  /** The shop the event belongs to; or every shop this user is a member of (sign-ins, resets). */
  shopId?: string;
  shopsOf?: string;
  tx?: Tx;
}

/** Audit log rows live per shop, so each owner reads the events of their own shop only. */
export async function recordAudit(input: AuditInput): Promise<void> {
  const q = input.tx ?? db();
  let shopIds: string[] = [];
  if (input.shopId) shopIds = [input.shopId];
  else if (input.shopsOf) {
    shopIds = (await q.selectFrom('shop_members').select('shop_id').where('user_id', '=', input.shopsOf).execute()).map((r) => r.shop_id);
  }
  if (!shopIds.length) return;
  const created = nowIso();
  await q.insertInto('audit_log').values(shopIds.map((shopId) => ({
    shop_id: shopId, id: newId(), actor_user_id: input.userId, action: input.action,
    details: JSON.stringify(input.details ?? {}), ip: input.ip ?? null, created_at: created,
  }))).execute();
}
