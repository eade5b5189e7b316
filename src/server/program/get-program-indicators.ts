import { NotFound } from '../errors.ts';
import { currentTime } from '../clock.ts';
import { dayIn } from '../ledger/ledger-day.ts';
import { inProgram } from '../tenant/program.ts';
import type { SessionUser } from '../auth/session.ts';
import { readIndicatorFacts } from './read-indicator-facts.ts';
import { getSurveyImprovement } from '../training/get-survey-improvement.ts';
import {
  addMonths,
  DEFAULT_TARGETS,
  lastDayOf,
  monthsBetween,
  resolvePeriods,
  rollUp,
  shopIndicators,
  TARGET_INDICATORS,
  targetStatus,
  targetValue,
  type GroupIndicators,
  type IndicatorsQuery,
  type ShopIndicators,
  type TargetIndicator,
  type TargetStatus,
} from './indicator-rules.ts';

export const TREND_MONTHS = 12;

export interface ProgramIndicators {
  programs: { id: string; name: string }[];
  program: { id: string; name: string; timezone: string };
  period: { from: string; to: string };
  baseline: { from: string; to: string };
  asOf: string;
  months: string[];
  total: GroupIndicators;
  districts: {
    id: string;
    name: string;
    indicators: GroupIndicators;
    villages: { id: string; name: string; indicators: GroupIndicators; trend: number[] }[];
  }[];
  /** Shop by shop: only shops of this program whose owners did not opt out of per-shop views. */
  shops: ShopIndicators[];
  hiddenShops: number;
  targets: { indicator: TargetIndicator; minPercent: number; value: number | null; status: TargetStatus }[];
}

/**
 * The program office's indicators for one of the caller's programs (the first when none is named), for a period
 * against a baseline period: per shop, by village and kecamatan, for the program, with the targets' status.
 */
export async function getProgramIndicators(opts: { user: SessionUser; query: IndicatorsQuery }): Promise<ProgramIndicators> {
  const r = await readIndicators(opts);
  // The training surveys report branding understanding (share of participants who improved from pre to post);
  // read after the program door closes, through the training area's own use case.
  const survey = await getSurveyImprovement({ user: opts.user, programId: r.program.id });
  r.targets = r.targets.map((t) =>
    t.indicator === 'branding_understanding' ? { ...t, value: survey.share, status: targetStatus(survey.share, t.minPercent) } : t,
  );
  return r;
}

async function readIndicators(opts: { user: SessionUser; query: IndicatorsQuery }): Promise<ProgramIndicators> {
  return inProgram({ userId: opts.user.id, programId: opts.query.program }, async (scope) => {
    if (scope.programIds.length === 0) throw new NotFound();
    const programs = await scope.q
      .selectFrom('programs')
      .select(['id', 'name', 'timezone'])
      .where('id', 'in', [...scope.programIds])
      .orderBy('name')
      .execute();
    const program = programs.find((p) => p.id === opts.query.program) ?? programs[0];
    if (!program) throw new NotFound();
    const today = dayIn(program.timezone, currentTime());
    const { period, baseline } = resolvePeriods(opts.query, today);
    const end = lastDayOf(period.to);
    const asOf = end < today ? end : today;
    const { facts, trend } = await readIndicatorFacts(scope, {
      programIds: [program.id],
      period,
      baseline,
      asOf,
      trendMonths: TREND_MONTHS,
    });
    const months = { period: monthsBetween(period), baseline: monthsBetween(baseline) };
    const rows = facts.map((f) => ({ f, r: shopIndicators(f, months) }));
    const all = rows.map((x) => x.r);
    const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(period.to, i - TREND_MONTHS + 1));
    const villageTrend = new Map<string, number[]>();
    for (const t of trend) {
      const series = villageTrend.get(t.villageId) ?? trendMonths.map(() => 0);
      const i = trendMonths.indexOf(t.month);
      if (i >= 0) series[i] = t.net;
      villageTrend.set(t.villageId, series);
    }
    const villageRows = await scope.q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .select(['villages.id', 'villages.name', 'districts.id as district_id', 'districts.name as district'])
      .where('villages.program_id', '=', program.id)
      .orderBy('districts.name')
      .orderBy('villages.name')
      .execute();
    const districts = new Map<string, ProgramIndicators['districts'][number]>();
    for (const v of villageRows) {
      const d = districts.get(v.district_id) ?? { id: v.district_id, name: v.district, indicators: rollUp([]), villages: [] };
      d.villages.push({
        id: v.id,
        name: v.name,
        indicators: rollUp(all.filter((r) => r.villageId === v.id)),
        trend: villageTrend.get(v.id) ?? trendMonths.map(() => 0),
      });
      districts.set(v.district_id, d);
    }
    for (const d of districts.values()) d.indicators = rollUp(all.filter((r) => r.districtId === d.id));
    const total = rollUp(all);
    const stored = await scope.q
      .selectFrom('program_targets')
      .select(['indicator', 'min_percent'])
      .where('program_id', '=', program.id)
      .execute();
    const thresholds = new Map<string, number>(
      stored.length ? stored.map((t) => [t.indicator, Number(t.min_percent)]) : Object.entries(DEFAULT_TARGETS),
    );
    const targets = TARGET_INDICATORS.filter((i) => thresholds.has(i)).map((indicator) => {
      const minPercent = thresholds.get(indicator)!;
      const value = targetValue(indicator, total, null);
      return { indicator, minPercent, value, status: targetStatus(value, minPercent) };
    });
    const visible = rows.filter((x) => !x.f.optedOut).map((x) => x.r);
    return {
      programs: programs.map((p) => ({ id: p.id, name: p.name })),
      program,
      period,
      baseline,
      asOf,
      months: trendMonths,
      total,
      districts: [...districts.values()],
      shops: visible.sort((a, b) => a.name.localeCompare(b.name)),
      hiddenShops: rows.length - visible.length,
      targets,
    };
  });
}
