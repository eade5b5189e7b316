import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatRupiah, t, type Locale } from '#i18n/index.ts';
import type { SalesReport } from './get-sales-report.ts';

/** The numbers of a chart as a table, shown beneath it for screen readers (and anyone who wants the figures). */
export interface ChartTable {
  caption: string;
  headers: string[];
  rows: string[][];
}
export interface SalesChart {
  svg: string;
  table: ChartTable;
}

const W = 640;
const H = 260;
const M = { top: 16, right: 16, bottom: 40, left: 96 };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function frame(title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif" font-size="11"><title>${escapeXml(title)}</title>${body}</svg>`;
}

function yAxis(max: number): { y: (v: number) => number; svg: string } {
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([H - M.bottom, M.top]);
  const ticks = y
    .ticks(4)
    .map(
      (v) =>
        `<g><line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${escapeXml(formatRupiah(v))}</text></g>`,
    )
    .join('');
  return { y, svg: ticks };
}

const label = (start: string, groupBy: SalesReport['groupBy']) => (groupBy === 'month' ? start.slice(0, 7) : start);

/** Net sales per day, week or month as a line, server-rendered SVG (no chart script on the page). */
export function renderSalesOverTime(report: SalesReport, locale: Locale): SalesChart {
  const title = t(locale, 'reports.chart.salesOverTime');
  const pts = report.series;
  const { y, svg: grid } = yAxis(Math.max(0, ...pts.map((p) => p.net)));
  const x = scaleBand<string>()
    .domain(pts.map((p) => p.start))
    .range([M.left, W - M.right])
    .padding(0.1);
  const cx = (p: { start: string }) => (x(p.start) ?? M.left) + x.bandwidth() / 2;
  const path =
    line<(typeof pts)[number]>()
      .x(cx)
      .y((p) => y(p.net))(pts) ?? '';
  const every = Math.max(1, Math.ceil(pts.length / 8));
  const labels = pts
    .filter((_, i) => i % every === 0)
    .map((p) => `<text x="${cx(p)}" y="${H - M.bottom + 16}" text-anchor="middle">${escapeXml(label(p.start, report.groupBy))}</text>`)
    .join('');
  const dots = pts.length <= 62 ? pts.map((p) => `<circle cx="${cx(p)}" cy="${y(p.net)}" r="2.5" fill="#1d6b54"/>`).join('') : '';
  const body = `${grid}<path d="${path}" fill="none" stroke="#1d6b54" stroke-width="2"/>${dots}${labels}`;
  return {
    svg: frame(title, body),
    table: {
      caption: title,
      headers: [t(locale, 'reports.chart.period'), t(locale, 'reports.chart.net'), t(locale, 'reports.chart.orders')],
      rows: pts.map((p) => [label(p.start, report.groupBy), formatRupiah(p.net), String(p.orders)]),
    },
  };
}

/** Net sales per channel as bars, server-rendered SVG. */
export function renderSalesByChannel(report: SalesReport, locale: Locale): SalesChart {
  const title = t(locale, 'reports.chart.salesByChannel');
  const rows = report.byChannel.map((c) => ({ name: t(locale, `reports.channel.${c.channel}`), net: c.net, orders: c.orders }));
  const { y, svg: grid } = yAxis(Math.max(0, ...rows.map((r) => r.net)));
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.name))
    .range([M.left, W - M.right])
    .padding(0.25);
  const bars = rows
    .map((r) => {
      const top = y(Math.max(0, r.net));
      return (
        `<rect x="${x(r.name)}" y="${top}" width="${x.bandwidth()}" height="${Math.max(0, y(0) - top)}" fill="#1d6b54"/>` +
        `<text x="${(x(r.name) ?? 0) + x.bandwidth() / 2}" y="${H - M.bottom + 16}" text-anchor="middle">${escapeXml(r.name)}</text>`
      );
    })
    .join('');
  const empty = rows.length
    ? ''
    : `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">${escapeXml(t(locale, 'reports.chart.empty'))}</text>`;
  return {
    svg: frame(title, `${grid}${bars}${empty}`),
    table: {
      caption: title,
      headers: [t(locale, 'reports.chart.channel'), t(locale, 'reports.chart.net'), t(locale, 'reports.chart.orders')],
      rows: rows.map((r) => [r.name, formatRupiah(r.net), String(r.orders)]),
    },
  };
}
