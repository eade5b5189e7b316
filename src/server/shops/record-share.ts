import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { Invalid } from '../errors.ts';

export const SHARE_CHANNELS = ['whatsapp', 'copy'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** The catalog link was shared (WhatsApp or copied): the first-steps checklist ticks it, the audit log tells it. */
export async function recordShare(opts: { shopId: string; userId: string; role: ShopRole; channel: string; ip?: string }): Promise<void> {
  requireCapability(opts.role, 'shop.view');
  const channel = SHARE_CHANNELS.find((c) => c === opts.channel);
  if (!channel) throw new Invalid({ channel: ['validation.choice'] });
  await inShop(opts.shopId, ({ tx, shopId }) =>
    recordAudit({ tx, shopId, userId: opts.userId, action: 'shop.shared', ip: opts.ip, details: { channel } }),
  );
}
