import { z } from 'zod';
import { Invalid } from '../errors.ts';
import { inProgram } from '../tenant/program.ts';
import { inShop } from '../tenant/index.ts';
import { isShopSlugTaken } from '../tenant/cross-shop.ts';
import { slugFromName } from '../shops/slug.ts';
import { newId, nowIso } from '../util.ts';
import { ensureChart } from '../ledger/ensure-chart.ts';
import { recordAudit } from '../auth/audit.ts';
import type { registerShopInput } from './registry-schemas.ts';
import { writeRegistryFacts } from './save-registry-facts.ts';

async function freeSlugFor(name: string): Promise<string> {
  const base = slugFromName(name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 36).replace(/-+$/, '')}-${n}`;
    if (!(await isShopSlugTaken(candidate))) return candidate;
  }
}

/**
 * An officer registers a shop in one of their villages for an owner who may have no account: the shop has
 * no members until the owner opens the claim link (issueClaimLink).
 */
export async function registerShop(opts: { userId: string; programId: string; input: z.output<typeof registerShopInput>; ip?: string }) {
  const village = await inProgram({ userId: opts.userId, programId: opts.programId }, ({ q, programIds }) =>
    q
      .selectFrom('villages')
      .select(['id', 'program_id'])
      .where('id', '=', opts.input.villageId)
      .where('program_id', 'in', [...programIds])
      .executeTakeFirst(),
  );
  if (!village) throw new Invalid({ villageId: ['shop.villageRequired'] });
  const id = newId();
  const now = nowIso();
  const slug = await freeSlugFor(opts.input.name);
  await inShop(id, async ({ tx }) => {
    await tx
      .insertInto('shops')
      .values({
        id,
        program_id: village.program_id,
        village_id: village.id,
        slug,
        name: opts.input.name,
        whatsapp: opts.input.whatsapp,
        address: opts.input.address,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await ensureChart({ tx, shopId: id });
    await writeRegistryFacts(tx, id, opts.input, opts.userId);
    await recordAudit({ tx, shopId: id, userId: opts.userId, action: 'shop.created', ip: opts.ip, details: { slug } });
  });
  return { id, slug };
}
