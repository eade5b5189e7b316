import { inShop } from '../tenant/index.ts';
import { requireProgramShop } from './program-shop.ts';

/** One shop's registry card for its program's officer: facts, licences, baselines, whether it has an owner yet. */
export async function getRegistryShop(opts: { userId: string; programId: string; shopId: string }) {
  const shop = await requireProgramShop(opts);
  return inShop(shop.id, async ({ tx, shopId }) => {
    const facts = await tx.selectFrom('shop_registry').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
    const licences = await tx
      .selectFrom('shop_licences')
      .select(['id', 'kind', 'number', 'issued_on', 'expires_on'])
      .where('shop_id', '=', shopId)
      .orderBy('kind')
      .orderBy('id')
      .execute();
    const baselines = await tx
      .selectFrom('shop_baselines')
      .select(['month', 'sales_rupiah', 'method', 'recorded_at'])
      .where('shop_id', '=', shopId)
      .orderBy('month')
      .execute();
    const owner = await tx
      .selectFrom('shop_members')
      .select('user_id')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirst();
    return {
      shop: { id: shop.id, name: shop.name, slug: shop.slug, programId: shop.program_id },
      hasOwner: !!owner,
      facts: {
        ownerName: facts?.owner_name ?? '',
        nib: facts?.nib ?? '',
        kbli: facts?.kbli ?? '',
        businessScale: facts?.business_scale ?? 'mikro',
        ovopStar: facts?.ovop_star ?? null,
        trainingCohort: facts?.training_cohort ?? null,
        programStartDate: facts?.program_start_date ?? null,
        optOut: facts?.per_shop_opt_out === 1,
      },
      licences: licences.map((l) => ({ id: l.id, kind: l.kind, number: l.number, issuedOn: l.issued_on, expiresOn: l.expires_on })),
      baselines: baselines.map((b) => ({
        month: b.month,
        salesRupiah: Number(b.sales_rupiah),
        method: b.method,
        recordedAt: b.recorded_at,
      })),
    };
  });
}
