import { escapeHtml } from '../../core/markdown/html';
import type { Series } from '../../core/calc/types';

const W = 560;
const H = 260;
const PAD = { l: 56, r: 16, t: 16, b: 44 };

function nice(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (a >= 100) return String(Math.round(n));
  return String(Number(n.toPrecision(3)));
}

/** A calculator's series as an inline SVG line chart (no library): axes, ticks, the curve, the user's point. */
export function chartSvg(series: Series): string {
  const pts = series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length < 2) return '';
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  if (series.mark) {
    xs.push(series.mark.x);
    ys.push(series.mark.y);
  }
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(...ys) * 1.05 || 1;
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - ((y - y0) / (y1 - y0 || 1)) * (H - PAD.t - PAD.b);
  const path = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
  const ticks = (a: number, b: number) => Array.from({ length: 5 }, (_, i) => a + ((b - a) * i) / 4);
  const xTicks = ticks(x0, x1)
    .map((t) => `<line x1="${sx(t)}" x2="${sx(t)}" y1="${H - PAD.b}" y2="${H - PAD.b + 4}" class="axis"/><text x="${sx(t)}" y="${H - PAD.b + 16}" text-anchor="middle">${escapeHtml(nice(t))}</text>`)
    .join('');
  const yTicks = ticks(y0, y1)
    .map((t) => `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${sy(t)}" y2="${sy(t)}" class="grid"/><text x="${PAD.l - 6}" y="${sy(t) + 4}" text-anchor="end">${escapeHtml(nice(t))}</text>`)
    .join('');
  const mark = series.mark
    ? `<circle cx="${sx(series.mark.x)}" cy="${sy(series.mark.y)}" r="5" class="mark"/><text x="${sx(series.mark.x) + 8}" y="${sy(series.mark.y) - 8}" class="mark-label">${escapeHtml(series.mark.label)}</text>`
    : '';
  const unit = (u: string) => (u ? ` (${escapeHtml(u)})` : '');
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(series.title)}">
<g class="ticks">${yTicks}${xTicks}</g>
<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${H - PAD.b}" y2="${H - PAD.b}" class="axis"/><line x1="${PAD.l}" x2="${PAD.l}" y1="${PAD.t}" y2="${H - PAD.b}" class="axis"/>
<path d="${path}" class="line"/>${mark}
<text x="${(PAD.l + W - PAD.r) / 2}" y="${H - 6}" text-anchor="middle" class="label">${escapeHtml(series.x.label)}${unit(series.x.unit)}</text>
<text x="14" y="${(PAD.t + H - PAD.b) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(PAD.t + H - PAD.b) / 2})" class="label">${escapeHtml(series.y.label)}${unit(series.y.unit)}</text>
</svg><figcaption>${escapeHtml(series.title)}</figcaption></figure>`;
}
