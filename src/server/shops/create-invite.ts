import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { t, type Locale } from '#i18n/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { whatsappShareLink } from './phone.ts';

export const INVITE_SECONDS = 7 * 24 * 60 * 60;

/** One-time staff invite link (and a WhatsApp draft carrying it); only the hash of its token is stored. */
export async function createInvite(opts: { shopId: string; userId: string; role: ShopRole; locale: Locale; ip?: string }) {
  requireCapability(opts.role, 'staff.manage');
  const token = newToken();
  const shopName = await inShop(opts.shopId, async ({ tx, shopId }) => {
    await tx
      .insertInto('shop_invites')
      .values({
        shop_id: shopId,
        token_hash: sha256Hex(token),
        role: 'staff',
        created_by: opts.userId,
        expires_at: addSeconds(new Date(), INVITE_SECONDS),
        used_at: null,
        used_by: null,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.invited', ip: opts.ip });
    return (await tx.selectFrom('shops').select('name').where('id', '=', shopId).executeTakeFirstOrThrow()).name;
  });
  const url = absoluteUrl(`/undangan/${opts.shopId}/${token}`);
  return { url, token, whatsappUrl: whatsappShareLink(t(opts.locale, 'invite.whatsappText', { shop: shopName, url })) };
}
