import { inShop } from '../tenant/index.ts';
import { findVillage, isShopSlugTaken } from '../tenant/cross-shop.ts';
import { slugFromName } from './slug.ts';
import { Invalid } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { recordAudit } from '../auth/audit.ts';
import type { ShopInput } from './schemas.ts';
import { ensureChart } from '../ledger/ensure-chart.ts';

/** A free address from the shop's name: the name's own, else with -2, -3, … */
async function freeSlugFor(name: string): Promise<string> {
  const base = slugFromName(name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 36).replace(/-+$/, '')}-${n}`;
    if (!(await isShopSlugTaken(candidate))) return candidate;
  }
}

/** The creating user becomes the shop's owner. An empty address is made from the name. */
export async function createShop(opts: { userId: string; input: ShopInput; ip?: string }) {
  const village = await findVillage(opts.input.villageId);
  if (!village) throw new Invalid({ villageId: ['shop.villageRequired'] });
  if (opts.input.slug && (await isShopSlugTaken(opts.input.slug))) throw new Invalid({ slug: ['shop.slugTaken'] });
  const input = { ...opts.input, slug: opts.input.slug || (await freeSlugFor(opts.input.name)) };
  const id = newId();
  const now = nowIso();
  try {
    await inShop(id, async ({ tx }) => {
      await tx
        .insertInto('shops')
        .values({
          id,
          program_id: village.program_id,
          village_id: village.id,
          slug: input.slug,
          name: input.name,
          whatsapp: input.whatsapp,
          description: input.description,
          address: input.address,
          locale: input.locale,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx.insertInto('shop_members').values({ shop_id: id, user_id: opts.userId, role: 'owner', created_at: now }).execute();
      await ensureChart({ tx, shopId: id });
      await recordAudit({ tx, shopId: id, userId: opts.userId, action: 'shop.created', ip: opts.ip, details: { slug: input.slug } });
    });
  } catch (e) {
    // Two people racing for one slug: the unique index decides.
    if (/unique|duplicate/i.test(String((e as Error).message))) throw new Invalid({ slug: ['shop.slugTaken'] });
    throw e;
  }
  return { id, slug: input.slug };
}
