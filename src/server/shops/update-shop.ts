import { Invalid } from '../errors.ts';
import { nowIso } from '../util.ts';
import { recordAudit } from '../auth/audit.ts';
import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { findVillage, isShopSlugTaken } from '../tenant/cross-shop.ts';
import type { ShopUpdateInput } from './schemas.ts';
import { mergeShopProfile } from './profile.ts';

export async function updateShop(opts: { shopId: string; userId: string; role: ShopRole; input: ShopUpdateInput; ip?: string }) {
  requireCapability(opts.role, 'shop.edit');
  const { input } = opts;
  if (input.slug) {
    if (await isShopSlugTaken(input.slug, opts.shopId)) throw new Invalid({ slug: ['shop.slugTaken'] });
  }
  let village: { id: string; program_id: string } | undefined;
  if (input.villageId) {
    village = await findVillage(input.villageId);
    if (!village) throw new Invalid({ villageId: ['shop.villageRequired'] });
  }
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const before = await tx.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirstOrThrow();
    const changes = {
      ...(input.slug !== undefined && { slug: input.slug }),
      ...(input.name !== undefined && { name: input.name }),
      ...(village && { village_id: village.id, program_id: village.program_id }),
      ...(input.whatsapp !== undefined && { whatsapp: input.whatsapp }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.profile !== undefined && { profile: mergeShopProfile(before.profile, input.profile) }),
    };
    await tx
      .updateTable('shops')
      .set({ ...changes, updated_at: nowIso() })
      .where('id', '=', shopId)
      .execute();
    await bumpShopVersion(scope);
    const changed = Object.keys(changes).filter((k) => (before as Record<string, unknown>)[k] !== (changes as Record<string, unknown>)[k]);
    if (changed.length) {
      await recordAudit({ tx, shopId, userId: opts.userId, action: 'shop.updated', ip: opts.ip, details: { fields: changed } });
    }
    return { slug: input.slug ?? before.slug };
  });
}
