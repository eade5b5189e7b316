import type { SessionUser } from '../auth/session.ts';
import { parseInput } from '../http/validate.ts';
import { t, type Locale } from '#i18n/index.ts';
import { getProgramIndicators, TREND_MONTHS } from './get-program-indicators.ts';
import { indicatorsQuery, SORT_KEYS, sortShops, TARGET_INDICATORS, type SortKey } from './indicator-rules.ts';
import { renderTrend } from './render-trend.ts';

/**
 * The indicators page: the query parsed from the URL (months; a bad one is a 400 with field messages), the
 * indicators, the per-shop table sorted as asked, and each village's trend chart rendered on the server.
 */
export async function getIndicatorsPage(opts: { user: SessionUser; params: URLSearchParams; locale: Locale }) {
  const p = opts.params;
  const pick = (k: string) => p.get(k) || undefined;
  const query = parseInput(
    indicatorsQuery,
    { program: pick('program'), from: pick('from'), to: pick('to'), baseFrom: pick('baseFrom'), baseTo: pick('baseTo') },
    opts.locale,
  );
  const data = await getProgramIndicators({ user: opts.user, query });
  const sort: SortKey = (SORT_KEYS as readonly string[]).includes(p.get('sort') ?? '') ? (p.get('sort') as SortKey) : 'name';
  const dir = p.get('dir') === 'desc' ? 'desc' : 'asc';
  const title = (name: string) => `${name}: ${t(opts.locale, 'office.trend', { months: TREND_MONTHS })}`;
  return {
    ...data,
    shops: sortShops(data.shops, sort, dir),
    sort,
    dir,
    charts: new Map(data.districts.flatMap((d) => d.villages.map((v) => [v.id, renderTrend(v.trend, title(v.name))] as const))),
    editable: TARGET_INDICATORS.map((indicator) => ({
      indicator,
      minPercent: data.targets.find((x) => x.indicator === indicator)?.minPercent ?? null,
    })),
  };
}
