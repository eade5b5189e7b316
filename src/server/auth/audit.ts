import { inShop } from '../tenant/index.ts';
import { shopIdsOfMember } from '../tenant/cross-shop.ts';
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

/**
 * Audit log rows live per shop, so each owner reads the events of their own shop only. An account event
 * (sign-in, password change or reset) is copied into every shop of the account, so there it carries
 * neither the IP nor the time of day: those belong to whatever the person did for another shop. It is
 * dated to its (UTC) day only.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  const accountEvent = !input.shopId;
  const created = accountEvent ? `${nowIso().slice(0, 10)}T00:00:00.000Z` : nowIso();
  const row = (shopId: string) => ({
    shop_id: shopId,
    id: newId(),
    actor_user_id: input.userId,
    action: input.action,
    details: JSON.stringify(input.details ?? {}),
    ip: accountEvent ? null : (input.ip ?? null),
    created_at: created,
  });
  if (input.shopId && input.tx) {
    await input.tx.insertInto('audit_log').values(row(input.shopId)).execute();
    return;
  }
  // Each shop's row is written through that shop's door.
  const shopIds = input.shopId ? [input.shopId] : input.shopsOf ? await shopIdsOfMember(input.shopsOf) : [];
  for (const shopId of shopIds) await inShop(shopId, ({ tx }) => tx.insertInto('audit_log').values(row(shopId)).execute());
}

/** Actions recorded as account events (see recordAudit): shown with their day only. */
export const ACCOUNT_EVENTS: readonly string[] = [
  'auth.sign_in',
  'auth.password_changed',
  'auth.password_reset',
  'auth.reset_issued',
  'auth.reset_mailed',
  'auth.contact_changed',
];
