import type { SessionUser } from '../auth/session.ts';
import { parseInput } from '../http/validate.ts';
import { t, type Locale } from '#i18n/index.ts';
import { getProgramIndicators, TREND_MONTHS } from './get-program-indicators.ts';
import { indicatorsQuery, SORT_KEYS, sortShops, TARGET_INDICATORS, type SortKey } from './indicator-rules.ts';
import { renderTrend } from './render-trend.ts';

/** Shops per page of the per-shop table: a 1,000-shop program in one table is ~700 KB of HTML to render and send. */
export const SHOPS_PER_PAGE = 100;

/** 1-based page from the URL, clamped to the pages there are. */
export function pageOf(param: string | null, total: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const n = Number.parseInt(param ?? '', 10);
  const page = Number.isFinite(n) ? Math.min(Math.max(1, n), pages) : 1;
  return { page, pages, total, from: (page - 1) * size, to: Math.min(total, page * size) };
}

/**
 * The indicators page: the query parsed from the URL (months; a bad one is a 400 with field messages), the
 * indicators, one page of the per-shop table sorted as asked, and the trend chart of each village with shops rendered on
 * the server (villages without shops are only named, folded, on the page).
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
  const sorted = sortShops(data.shops, sort, dir);
  const paging = pageOf(p.get('page'), sorted.length, SHOPS_PER_PAGE);
  return {
    ...data,
    shops: sorted.slice(paging.from, paging.to),
    paging,
    sort,
    dir,
    charts: new Map(
      data.districts.flatMap((d) =>
        d.villages.filter((v) => v.indicators.shops > 0).map((v) => [v.id, renderTrend(v.trend, title(v.name))] as const),
      ),
    ),
    editable: TARGET_INDICATORS.map((indicator) => ({
      indicator,
      minPercent: data.targets.find((x) => x.indicator === indicator)?.minPercent ?? null,
    })),
  };
}
