import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { recordAudit } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';

export const INVITE_SECONDS = 7 * 24 * 60 * 60;

/** One-time staff invite link; only the hash of its token is stored. */
export async function createInvite(opts: { shopId: string; userId: string; ip?: string }) {
  const token = newToken();
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    await tx.insertInto('shop_invites').values({
      shop_id: shopId, token_hash: sha256Hex(token), role: 'staff', created_by: opts.userId,
      expires_at: addSeconds(new Date(), INVITE_SECONDS), used_at: null, used_by: null, created_at: nowIso(),
    }).execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.invited', ip: opts.ip });
  });
  return { url: absoluteUrl(`/undangan/${opts.shopId}/${token}`), token };
}
