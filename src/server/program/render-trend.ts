import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { escapeXml } from '../ledger/render-sales-chart.ts';

const W = 160;
const H = 40;

/**
 * A village's net sales per month as a small line, server-rendered SVG (the village grid, no chart script and no
 * map tiles). The figures themselves are in the card beside it; the title names the months.
 */
export function renderTrend(values: readonly number[], title: string): string {
  const max = Math.max(0, ...values);
  const x = scaleLinear()
    .domain([0, Math.max(1, values.length - 1)])
    .range([2, W - 2]);
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([H - 2, 2]);
  const pts = values.map((v, i) => [x(i), y(Math.max(0, v))] as [number, number]);
  const path = line()(pts) ?? '';
  const fill =
    area()
      .y0(H - 2)
      .y1((p) => p[1])(pts) ?? '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><path d="${fill}" fill="#d8ebe4"/><path d="${path}" fill="none" stroke="#1d6b54" stroke-width="2"/></svg>`;
}
