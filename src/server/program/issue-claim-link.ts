import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { t, type Locale } from '#i18n/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';
import { whatsappLink } from '../shops/phone.ts';
import { INVITE_SECONDS } from '../shops/create-invite.ts';
import { requireProgramShop } from './program-shop.ts';

/**
 * Hands a registered shop to its owner: a one-time owner invite (shop_invites, role 'owner'; only the token's
 * hash is stored; single use and expiring, like staff invites) opened at /undangan, where the owner signs up or
 * signs in and becomes the owner. The WhatsApp draft goes to the shop's own number.
 */
export async function issueClaimLink(opts: { userId: string; programId: string; shopId: string; locale: Locale; ip?: string }) {
  const shop = await requireProgramShop(opts);
  const token = newToken();
  await inShop(shop.id, async ({ tx, shopId }) => {
    await tx
      .insertInto('shop_invites')
      .values({
        shop_id: shopId,
        token_hash: sha256Hex(token),
        role: 'owner',
        created_by: opts.userId,
        expires_at: addSeconds(new Date(), INVITE_SECONDS),
        used_at: null,
        used_by: null,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'staff.invited', ip: opts.ip, details: { role: 'owner' } });
  });
  const url = absoluteUrl(`/undangan/${shop.id}/${token}`);
  return {
    url,
    whatsappUrl: whatsappLink(shop.whatsapp, t(opts.locale, 'registry.claimWhatsapp', { shop: shop.name, url })),
    expiresInDays: 7,
  };
}
