import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SessionUser } from '../auth/session.ts';
import { checkFormat, writeReport, type ReportDoc, type ReportFile, type ReportRow } from '../ledger/report-files.ts';
import { formatRupiah, t, type Locale } from '#i18n/index.ts';
import { getProgramIndicators, type ProgramIndicators } from './get-program-indicators.ts';
import { indicatorsQuery, type GroupIndicators, type ShopIndicators } from './indicator-rules.ts';

export const EXPORT_KINDS = ['report', 'shops', 'anonymised'] as const;
export const programExportQuery = indicatorsQuery.extend({
  kind: z.enum(EXPORT_KINDS, { error: 'validation.choice' }),
  format: z.enum(['pdf', 'csv', 'xlsx'], { error: 'office.export.formatInvalid' }),
});

/** Groups smaller than this are suppressed in the researchers' export. */
export const MIN_GROUP = 3;

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);
const yesNo = (locale: Locale, v: boolean) => t(locale, v ? 'office.yes' : 'office.no');

/**
 * The program's files: `report` is the evaluation report (targets with status, indicators by kecamatan with the
 * baseline period beside the chosen one), `shops` the per-shop table, `anonymised` the per-shop table for
 * researchers (shop ids replaced by codes in a random order, desa and kecamatan named only for groups of at
 * least three shops). Per-shop rows leave out shops whose owners opted out; no customer data is read at all.
 */
export async function exportProgramReport(opts: {
  user: SessionUser;
  locale: Locale;
  query: z.output<typeof programExportQuery>;
}): Promise<ReportFile> {
  const { locale, query } = opts;
  const format = checkFormat(query.format);
  const now = await getProgramIndicators({ user: opts.user, query });
  const periodLabel = t(locale, 'office.report.period', {
    from: now.period.from,
    to: now.period.to,
    baseFrom: now.baseline.from,
    baseTo: now.baseline.to,
  });
  if (query.kind === 'report') {
    const then = await getProgramIndicators({
      user: opts.user,
      query: {
        program: now.program.id,
        from: now.baseline.from,
        to: now.baseline.to,
        baseFrom: now.baseline.from,
        baseTo: now.baseline.to,
      },
    });
    return writeReport(reportDoc(now, then, locale, periodLabel), format);
  }
  return writeReport(shopsDoc(now, locale, periodLabel, query.kind === 'anonymised'), format);
}

function indicatorRows(locale: Locale, then: GroupIndicators | undefined, now: GroupIndicators): ReportRow[] {
  const rupiah = (v: number) => formatRupiah(v);
  const line = (key: string, b: string | number, n: string | number): ReportRow => ({ cells: [t(locale, key), b, n, '', ''] });
  return [
    line('office.ind.shops', then?.shops ?? '–', now.shops),
    line('office.ind.monthlySales', then ? rupiah(then.monthlySales) : '–', rupiah(now.monthlySales)),
    line('office.ind.growth', '–', pct(now.growth)),
    line('office.ind.salesUp', '–', pct(now.salesUp)),
    line('office.ind.newBrand', pct(then?.newBrand ?? null), pct(now.newBrand)),
    line('office.ind.digitalBooks', pct(then?.digitalBooks ?? null), pct(now.digitalBooks)),
    line('office.ind.multichannel', pct(then?.multichannel ?? null), pct(now.multichannel)),
    line('office.ind.whatsappOrders', then?.whatsappOrders ?? '–', now.whatsappOrders),
    line('office.ind.outside', pct(then?.outside ?? null), pct(now.outside)),
    line('office.ind.stockTracking', pct(then?.stockTracking ?? null), pct(now.stockTracking)),
  ];
}

function reportDoc(now: ProgramIndicators, then: ProgramIndicators, locale: Locale, periodLabel: string): ReportDoc {
  const rows: ReportRow[] = [{ cells: [t(locale, 'office.report.targets'), '', '', '', ''], heading: true }];
  for (const g of now.targets)
    rows.push({
      cells: [t(locale, `office.target.${g.indicator}`), '', pct(g.value), `>= ${g.minPercent}%`, t(locale, `office.status.${g.status}`)],
    });
  rows.push({ cells: [t(locale, 'office.programTotal'), '', '', '', ''], heading: true });
  rows.push(...indicatorRows(locale, then.total, now.total));
  for (const d of now.districts) {
    rows.push({ cells: [`${t(locale, 'program.district')} ${d.name}`, '', '', '', ''], heading: true });
    rows.push(...indicatorRows(locale, then.districts.find((x) => x.id === d.id)?.indicators, d.indicators));
  }
  return {
    title: t(locale, 'office.report.title'),
    shopName: now.program.name,
    periodLabel,
    locale,
    fileStem: `laporan-program-${now.period.from}-${now.period.to}`,
    columns: [
      { header: t(locale, 'office.report.indicator'), width: 44 },
      { header: `${t(locale, 'office.report.baseline')} (${now.baseline.from}…${now.baseline.to})`, width: 22 },
      { header: `${t(locale, 'office.report.now')} (${now.period.from}…${now.period.to})`, width: 22 },
      { header: t(locale, 'office.target'), width: 12 },
      { header: t(locale, 'office.status'), width: 14 },
    ],
    rows,
  };
}

function shopsDoc(now: ProgramIndicators, locale: Locale, periodLabel: string, anonymised: boolean): ReportDoc {
  let shops: ShopIndicators[] = now.shops;
  let code = (s: ShopIndicators) => s.name;
  let village = (s: ShopIndicators) => s.village;
  let district = (s: ShopIndicators) => s.district;
  if (anonymised) {
    // A fresh salt per file: codes cannot be linked across exports, and the row order says nothing about names.
    const salt = randomBytes(16);
    const key = (s: ShopIndicators) => createHash('sha256').update(salt).update(s.id).digest('hex');
    shops = [...shops].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const codes = new Map(shops.map((s, i) => [s.id, `S${String(i + 1).padStart(4, '0')}`]));
    const count = (f: (s: ShopIndicators) => string) => {
      const m = new Map<string, number>();
      for (const s of shops) m.set(f(s), (m.get(f(s)) ?? 0) + 1);
      return m;
    };
    const perVillage = count((s) => s.villageId);
    const perDistrict = count((s) => s.districtId);
    const suppressed = t(locale, 'office.export.suppressed');
    code = (s) => codes.get(s.id)!;
    village = (s) => ((perVillage.get(s.villageId) ?? 0) >= MIN_GROUP ? s.village : suppressed);
    district = (s) => ((perDistrict.get(s.districtId) ?? 0) >= MIN_GROUP ? s.district : suppressed);
  }
  return {
    title: t(locale, anonymised ? 'office.export.anonTitle' : 'office.export.title'),
    shopName: now.program.name,
    periodLabel,
    locale,
    fileStem: `${anonymised ? 'data-anonim' : 'data-toko'}-${now.period.from}-${now.period.to}`,
    columns: [
      { header: t(locale, anonymised ? 'office.export.shopId' : 'office.export.shop'), width: 24 },
      { header: t(locale, 'program.district'), width: 18 },
      { header: t(locale, 'program.village'), width: 18 },
      { header: t(locale, 'office.ind.sales'), money: true },
      { header: t(locale, 'office.ind.monthlySales'), money: true },
      { header: t(locale, 'office.ind.baselineMonthly'), money: true },
      { header: t(locale, 'office.ind.growth'), width: 10 },
      { header: t(locale, 'office.ind.newBrand'), width: 10 },
      { header: t(locale, 'office.ind.digitalBooks'), width: 10 },
      { header: t(locale, 'office.ind.channels'), width: 10 },
      { header: t(locale, 'office.ind.orders'), width: 10 },
      { header: t(locale, 'office.ind.whatsappOrders'), width: 10 },
      { header: t(locale, 'office.ind.outside'), width: 10 },
      { header: t(locale, 'office.ind.stockTracking'), width: 10 },
    ],
    rows: shops.map((s) => ({
      cells: [
        code(s),
        district(s),
        village(s),
        s.sales,
        s.monthlySales,
        s.baselineMonthly,
        pct(s.growth),
        yesNo(locale, s.newBrand),
        yesNo(locale, s.digitalBooks),
        s.channels,
        s.orders,
        s.whatsappOrders,
        s.outsideOrders,
        yesNo(locale, s.stockTracking),
      ],
    })),
  };
}
