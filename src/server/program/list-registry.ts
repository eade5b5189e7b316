import { inProgram } from '../tenant/program.ts';

/** The program's shops with their registry facts and village (officer view; no customer data). */
export async function listRegistry(opts: { userId: string; programId: string }) {
  return inProgram({ userId: opts.userId, programId: opts.programId }, async ({ q, programIds }) => {
    const rows = await q
      .selectFrom('shops')
      .innerJoin('villages', 'villages.id', 'shops.village_id')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .leftJoin('shop_registry', 'shop_registry.shop_id', 'shops.id')
      .select([
        'shops.id',
        'shops.name',
        'shops.slug',
        'villages.name as village',
        'districts.name as district',
        'shop_registry.owner_name',
        'shop_registry.nib',
        'shop_registry.business_scale',
        'shop_registry.ovop_star',
        'shop_registry.program_start_date',
      ])
      .where('shops.program_id', 'in', [...programIds])
      .orderBy('districts.name')
      .orderBy('villages.name')
      .orderBy('shops.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      slug: r.slug,
      village: r.village,
      district: r.district,
      ownerName: r.owner_name ?? '',
      nib: r.nib ?? '',
      businessScale: r.business_scale ?? null,
      ovopStar: r.ovop_star ?? null,
      programStartDate: r.program_start_date ?? null,
    }));
  });
}
