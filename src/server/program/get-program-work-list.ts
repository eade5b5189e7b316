import { NotFound } from '../errors.ts';
import { currentTime } from '../clock.ts';
import { dayIn } from '../ledger/ledger-day.ts';
import { inProgram } from '../tenant/program.ts';
import { whatsappLink } from '../shops/phone.ts';
import type { SessionUser } from '../auth/session.ts';
import { t, type Locale } from '#i18n/index.ts';
import { addDaysIso } from './indicator-rules.ts';

export const QUIET_DAYS = 30;
export const LICENCE_WARNING_DAYS = 60;
export type WorkReason = 'quiet' | 'labelFacts' | 'licence' | 'noBrand';

export interface WorkItem {
  shopId: string;
  shop: string;
  slug: string;
  village: string;
  reasons: WorkReason[];
  /** Published products whose label lacks one of the facts BPOM requires (net weight, ingredients, producer). */
  productsMissingFacts: number;
  /** Licences expired or expiring within LICENCE_WARNING_DAYS. */
  licences: { kind: string; expiresOn: string }[];
  /** wa.me link to the shop's WhatsApp with a draft naming what to do; nothing is sent by itself. */
  whatsappUrl: string;
}

/**
 * The officer's work list for one program: shops with no sale in 30 days, shops with products missing label
 * facts or licences expired or expiring within 60 days, shops without a published brand, each with a WhatsApp
 * nudge. Whether a shop sells is a per-shop business figure: a shop that opted out of per-shop views is never
 * listed as quiet, but still for its labels, licences and brand.
 */
export async function getProgramWorkList(opts: { user: SessionUser; programId?: string; locale: Locale }) {
  return inProgram({ userId: opts.user.id, programId: opts.programId }, async ({ q, programIds }) => {
    if (programIds.length === 0) throw new NotFound();
    const programs = await q
      .selectFrom('programs')
      .select(['id', 'name', 'timezone'])
      .where('id', 'in', [...programIds])
      .orderBy('name')
      .execute();
    const program = programs.find((p) => p.id === opts.programId) ?? programs[0];
    if (!program) throw new NotFound();
    const today = dayIn(program.timezone, currentTime());
    const since = addDaysIso(today, -(QUIET_DAYS - 1));
    const shops = await q
      .selectFrom('shops')
      .innerJoin('villages', 'villages.id', 'shops.village_id')
      .leftJoin('shop_registry', 'shop_registry.shop_id', 'shops.id')
      .select(['shops.id', 'shops.name', 'shops.slug', 'shops.whatsapp', 'villages.name as village', 'shop_registry.per_shop_opt_out'])
      .where('shops.program_id', '=', program.id)
      .orderBy('shops.name')
      .execute();
    const selling = await q
      .selectFrom('sales_totals')
      .innerJoin('shops', 'shops.id', 'sales_totals.shop_id')
      .where('shops.program_id', '=', program.id)
      .where('sales_totals.grain', '=', 'd')
      .where('sales_totals.product_id', '=', '')
      .where('sales_totals.period', '>=', since)
      .where('sales_totals.orders', '>', 0)
      .select('sales_totals.shop_id')
      .distinct()
      .execute();
    const missing = await q
      .selectFrom('products')
      .innerJoin('shops', 'shops.id', 'products.shop_id')
      .leftJoin('product_label_facts as f', (j) => j.onRef('f.shop_id', '=', 'products.shop_id').onRef('f.product_id', '=', 'products.id'))
      .where('shops.program_id', '=', program.id)
      .where('products.status', '=', 'published')
      .where((eb) =>
        eb.or([
          eb('f.product_id', 'is', null),
          eb('f.net_weight', '=', ''),
          eb('f.composition', '=', ''),
          eb('f.producer_name', '=', ''),
          eb('f.producer_address', '=', ''),
        ]),
      )
      .select((eb) => ['products.shop_id', eb.fn.countAll<number>().as('n')])
      .groupBy('products.shop_id')
      .execute();
    const branded = await q
      .selectFrom('brand_kits')
      .innerJoin('shops', 'shops.id', 'brand_kits.shop_id')
      .where('shops.program_id', '=', program.id)
      .where('brand_kits.published_at', 'is not', null)
      .select('brand_kits.shop_id')
      .execute();
    const licences = await q
      .selectFrom('shop_licences')
      .innerJoin('shops', 'shops.id', 'shop_licences.shop_id')
      .where('shops.program_id', '=', program.id)
      .where('shop_licences.expires_on', 'is not', null)
      .where('shop_licences.expires_on', '<=', addDaysIso(today, LICENCE_WARNING_DAYS))
      .select(['shop_licences.shop_id', 'shop_licences.kind', 'shop_licences.expires_on'])
      .orderBy('shop_licences.expires_on')
      .execute();
    const sold = new Set(selling.map((r) => r.shop_id));
    const missingBy = new Map(missing.map((r) => [r.shop_id, Number(r.n)]));
    const brandedSet = new Set(branded.map((r) => r.shop_id));
    const items: WorkItem[] = [];
    for (const s of shops) {
      const reasons: WorkReason[] = [];
      if (!sold.has(s.id) && Number(s.per_shop_opt_out ?? 0) !== 1) reasons.push('quiet');
      if ((missingBy.get(s.id) ?? 0) > 0) reasons.push('labelFacts');
      const expiring = licences.filter((l) => l.shop_id === s.id);
      if (expiring.length) reasons.push('licence');
      if (!brandedSet.has(s.id)) reasons.push('noBrand');
      if (!reasons.length) continue;
      const text = [
        t(opts.locale, 'office.nudge.greeting', { shop: s.name }),
        ...reasons.map((r) =>
          t(opts.locale, `office.nudge.${r}`, {
            days: QUIET_DAYS,
            count: missingBy.get(s.id) ?? 0,
            licence: expiring.map((l) => `${t(opts.locale, `office.licence.${l.kind}`)} (${l.expires_on})`).join(', '),
          }),
        ),
        t(opts.locale, 'office.nudge.closing'),
      ].join('\n');
      items.push({
        shopId: s.id,
        shop: s.name,
        slug: s.slug,
        village: s.village,
        reasons,
        productsMissingFacts: missingBy.get(s.id) ?? 0,
        licences: expiring.map((l) => ({ kind: l.kind, expiresOn: l.expires_on! })),
        whatsappUrl: whatsappLink(s.whatsapp, text),
      });
    }
    return { programs: programs.map((p) => ({ id: p.id, name: p.name })), program: { id: program.id, name: program.name }, items };
  });
}
