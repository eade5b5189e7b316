import { inShop } from '../tenant/index.ts';
import { nowIso } from '../util.ts';
import type { Tx } from '../db/index.ts';
import type { RegistryFacts } from './registry-schemas.ts';
import { requireProgramShop } from './program-shop.ts';

/** Upsert of the shop's registry row (the owner's opt-out is left as it is). */
export async function writeRegistryFacts(tx: Tx, shopId: string, facts: RegistryFacts, userId: string) {
  const values = {
    owner_name: facts.ownerName,
    nib: facts.nib,
    kbli: facts.kbli,
    business_scale: facts.businessScale,
    ovop_star: facts.ovopStar,
    training_cohort: facts.trainingCohort,
    program_start_date: facts.programStartDate,
    updated_at: nowIso(),
    updated_by: userId,
  };
  await tx
    .insertInto('shop_registry')
    .values({ shop_id: shopId, ...values })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
    .execute();
}

export async function saveRegistryFacts(opts: { userId: string; programId: string; shopId: string; facts: RegistryFacts }) {
  await requireProgramShop(opts);
  await inShop(opts.shopId, ({ tx, shopId }) => writeRegistryFacts(tx, shopId, opts.facts, opts.userId));
}
