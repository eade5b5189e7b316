import type { ProgramScope } from '../tenant/program.ts';
import { addDaysIso, addMonths, type MonthRange, type ShopFacts } from './indicator-rules.ts';

/**
 * Everything the indicators need for the shops of the scope's programs, from the maintained roll-ups
 * (sales_totals month rows, ledger_totals day rows) and a few small per-shop tables: a fixed number of
 * grouped queries, none of which walks orders or postings, whatever the history's length.
 * Never reads customers' names, phones or addresses.
 */
export async function readIndicatorFacts(
  scope: ProgramScope,
  opts: { programIds: readonly string[]; period: MonthRange; baseline: MonthRange; asOf: string; trendMonths: number },
): Promise<{ facts: ShopFacts[]; trend: { villageId: string; month: string; net: number }[] }> {
  const { q } = scope;
  const ids = opts.programIds.length ? [...opts.programIds] : [''];
  const shops = await q
    .selectFrom('shops')
    .innerJoin('villages', 'villages.id', 'shops.village_id')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .leftJoin('shop_registry', 'shop_registry.shop_id', 'shops.id')
    .select([
      'shop_registry.program_start_date',
      'shop_registry.per_shop_opt_out',
      'shops.id',
      'shops.name',
      'shops.slug',
      'shops.whatsapp',
      'shops.created_at',
      'shops.program_id',
      'villages.id as village_id',
      'villages.name as village',
      'districts.id as district_id',
      'districts.name as district',
    ])
    .where('shops.program_id', 'in', ids)
    .execute();
  const monthRows = (range: MonthRange) =>
    q
      .selectFrom('sales_totals')
      .innerJoin('shops', 'shops.id', 'sales_totals.shop_id')
      .where('shops.program_id', 'in', ids)
      .where('sales_totals.grain', '=', 'm')
      .where('sales_totals.product_id', '=', '')
      .where('sales_totals.period', '>=', range.from)
      .where('sales_totals.period', '<=', range.to);
  const period = await monthRows(opts.period)
    .select((eb) => [
      'sales_totals.shop_id',
      'sales_totals.channel',
      eb.fn.sum<number>(eb('sales_totals.gross', '-', eb.ref('sales_totals.returns'))).as('net'),
      eb.fn.sum<number>('sales_totals.orders').as('orders'),
      eb.fn.sum<number>('sales_totals.outside_orders').as('outside'),
    ])
    .groupBy(['sales_totals.shop_id', 'sales_totals.channel'])
    .execute();
  const baseline = await monthRows(opts.baseline)
    .select((eb) => ['sales_totals.shop_id', eb.fn.sum<number>(eb('sales_totals.gross', '-', eb.ref('sales_totals.returns'))).as('net')])
    .groupBy('sales_totals.shop_id')
    .execute();
  const trend = await monthRows({ from: addMonths(opts.period.to, -(opts.trendMonths - 1)), to: opts.period.to })
    .select((eb) => [
      'shops.village_id',
      'sales_totals.period',
      eb.fn.sum<number>(eb('sales_totals.gross', '-', eb.ref('sales_totals.returns'))).as('net'),
    ])
    .groupBy(['shops.village_id', 'sales_totals.period'])
    .execute();
  // One row per shop: which of the four weeks ending on asOf saw any posting (the ledger's day totals).
  const week = (k: number) => [addDaysIso(opts.asOf, -7 * k - 6), addDaysIso(opts.asOf, -7 * k)] as const;
  const books = await q
    .selectFrom('ledger_totals')
    .innerJoin('shops', 'shops.id', 'ledger_totals.shop_id')
    .where('shops.program_id', 'in', ids)
    .where('ledger_totals.grain', '=', 'd')
    .where('ledger_totals.period', '>=', week(3)[0])
    .where('ledger_totals.period', '<=', opts.asOf)
    .select((eb) => [
      'ledger_totals.shop_id',
      ...[0, 1, 2, 3].map((k) =>
        eb.fn
          .max(
            eb
              .case()
              .when(eb.and([eb('ledger_totals.period', '>=', week(k)[0]), eb('ledger_totals.period', '<=', week(k)[1])]))
              .then(1)
              .else(0)
              .end(),
          )
          .as(`w${k}`),
      ),
    ])
    .groupBy('ledger_totals.shop_id')
    .execute();
  const brands = await q
    .selectFrom('brand_kits')
    .innerJoin('shops', 'shops.id', 'brand_kits.shop_id')
    .where('shops.program_id', 'in', ids)
    .where('brand_kits.published_at', 'is not', null)
    .select(['brand_kits.shop_id', 'brand_kits.published_at'])
    .execute();
  const tracked = await q
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .where('shops.program_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('products.stock', 'is not', null),
        eb.exists(
          eb
            .selectFrom('product_variants')
            .select('product_variants.id')
            .whereRef('product_variants.shop_id', '=', 'products.shop_id')
            .whereRef('product_variants.product_id', '=', 'products.id')
            .where('product_variants.stock', 'is not', null),
        ),
      ]),
    )
    .select('products.shop_id')
    .distinct()
    .execute();

  // Pre-program monthly sales recorded in the registry (months before the shop joined): their average.
  const estimates = await q
    .selectFrom('shop_baselines')
    .innerJoin('shops', 'shops.id', 'shop_baselines.shop_id')
    .where('shops.program_id', 'in', ids)
    .select((eb) => ['shop_baselines.shop_id', eb.fn.avg<number>('shop_baselines.sales_rupiah').as('monthly')])
    .groupBy('shop_baselines.shop_id')
    .execute();

  const facts = new Map<string, ShopFacts>();
  for (const s of shops)
    facts.set(s.id, {
      id: s.id,
      name: s.name,
      slug: s.slug,
      whatsapp: s.whatsapp,
      villageId: s.village_id,
      village: s.village,
      districtId: s.district_id,
      district: s.district,
      programId: s.program_id,
      joined: s.program_start_date ?? s.created_at,
      optedOut: Number(s.per_shop_opt_out ?? 0) === 1,
      channels: {},
      baselineNet: 0,
      baselineEstimate: null,
      weeks: [false, false, false, false],
      brandPublishedAt: null,
      stockTracked: false,
    });
  for (const r of period) {
    const f = facts.get(r.shop_id);
    if (f) f.channels[r.channel] = { net: Number(r.net), orders: Number(r.orders), outside: Number(r.outside) };
  }
  for (const r of baseline) {
    const f = facts.get(r.shop_id);
    if (f) f.baselineNet = Number(r.net);
  }
  for (const r of estimates) {
    const f = facts.get(r.shop_id);
    if (f) f.baselineEstimate = Math.round(Number(r.monthly));
  }
  for (const r of books) {
    const f = facts.get(r.shop_id);
    const w = r as unknown as Record<string, number | string>;
    if (f) f.weeks = [0, 1, 2, 3].map((k) => Number(w[`w${k}`]) === 1) as ShopFacts['weeks'];
  }
  for (const r of brands) {
    const f = facts.get(r.shop_id);
    if (f) f.brandPublishedAt = r.published_at;
  }
  for (const r of tracked) {
    const f = facts.get(r.shop_id);
    if (f) f.stockTracked = true;
  }
  return {
    facts: [...facts.values()],
    trend: trend.map((r) => ({ villageId: r.village_id, month: r.period, net: Number(r.net) })),
  };
}
