/**
 * The HTML report of a variant comparison: the figures and paired-difference tables, the
 * recommendation, and a chart per figure with one line (or mark) per variant: stored and billed
 * storage and the cost so far per day, and each figure's median with its p10-p90 range. Charts are
 * static SVG rendered on the server (lib/report/html/charts.ts), each with its text alternative.
 */
import type { TopLevelSpec } from 'vega-lite';
import { GIB } from '../../catalog/tiers.js';
import { CHART_WIDTH, CONFIG, renderChart, sampleIndices, type ChartDefinition } from '../html/charts.js';
import { esc, figure, page, statusIcon, table, type Cell } from '../html/page.js';
import type { ComparisonResult } from '../../sim/variants/compare.js';
import { COMPARISON_METRICS, type ComparisonMetric } from '../../sim/variants/metrics.js';
import { terminalText } from '../../format/terminal.js';
import { comparisonIntro, comparisonNotes, deltaHeaders, deltaRows, figureHeaders, figureRows, metricValue } from './comparison.js';

/** Names of the data-mark layers of the comparison charts (`g.role-mark.<name>_marks`). */
export const COMPARISON_LAYER = {
  /** One line per variant (stored, billed, cost so far). */
  line: 'variant_line',
  /** One median point per variant (a figure's chart). */
  point: 'variant_point',
  /** One p10-p90 rule per variant (a figure's chart, when the runs differ). */
  range: 'variant_range',
} as const;

const DAY_AXIS = { title: 'day of the simulation (days)', tickMinStep: 1 } as const;

/** A variant's name as charts and the page show it (control characters shown escaped). */
function label(v: ComparisonResult['variants'][number]): string {
  return terminalText(v.name);
}

function fmtGiB(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} GiB`;
}

/** A line chart of a per-day series, one line per variant. */
function seriesChart(c: ComparisonResult, o: { id: string; title: string; yTitle: string; pick: (v: ComparisonResult['variants'][number]) => readonly number[]; scale: number; fmt: (n: number) => string }): ChartDefinition {
  const names = c.variants.map((v) => label(v));
  const values = c.variants.flatMap((v) => o.pick(v).map((y, i) => ({ x: i, variant: label(v), y: y / o.scale })));
  const n = Math.max(0, ...c.variants.map((v) => o.pick(v).length));
  const last = (v: ComparisonResult['variants'][number]): string => {
    const s = o.pick(v);
    return s.length ? o.fmt(s[s.length - 1]! / o.scale) : '-';
  };
  const x = { field: 'x', type: 'quantitative', axis: DAY_AXIS, scale: { domain: [0, Math.max(1, n - 1)], nice: false } };
  return {
    id: o.id,
    kind: 'variant-series',
    title: o.title,
    alt: `Line chart of ${o.title.toLowerCase()}, one line per variant, medians over ${c.runs} runs. At the end: ${c.variants.map((v) => `${label(v)} ${last(v)}`).join('; ')}.`,
    caption: `One line per variant, each the median (p50) over ${c.runs} runs of the fleet; every variant ran on the same random draws.`,
    table: {
      header: ['Day', ...names],
      rows: sampleIndices(n).map((i) => [String(i), ...c.variants.map((v) => (o.pick(v)[i] === undefined ? '-' : o.fmt(o.pick(v)[i]! / o.scale)))]),
    },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: o.title, subtitle: `one line per variant, p50 over ${c.runs} runs` },
      width: CHART_WIDTH,
      height: 220,
      config: CONFIG,
      layer: [
        {
          name: COMPARISON_LAYER.line,
          data: { values },
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'y', type: 'quantitative', title: o.yTitle },
            color: { field: 'variant', type: 'nominal', title: null, scale: { domain: names }, legend: { labelLimit: 260, columns: 2, symbolType: 'stroke' } },
          },
        },
      ],
    } as TopLevelSpec,
  };
}

/** A figure's chart: per variant the median as a point and the p10-p90 range as a rule. */
function metricChart(c: ComparisonResult, m: ComparisonMetric, id: string): ChartDefinition | undefined {
  const scale = m.unit === 'bytes' ? GIB : m.unit === 'share' ? 0.01 : 1;
  const unit = m.unit === 'bytes' ? 'GiB' : m.unit === 'usd' ? 'USD' : m.unit === 'share' ? '%' : m.unit === 'day' ? 'day' : 'minutes';
  const rows = c.variants
    .map((v) => ({ variant: label(v), s: v.metrics[m.key] }))
    .filter((r) => r.s.p50 !== null)
    .map((r) => ({ variant: r.variant, p10: (r.s.p10 ?? r.s.p50!) / scale, p50: r.s.p50! / scale, p90: (r.s.p90 ?? r.s.p50!) / scale }));
  if (!rows.length) return undefined;
  if (rows.every((r) => r.p10 === rows[0]!.p10 && r.p90 === rows[0]!.p90 && r.p50 === rows[0]!.p50) && rows.length === c.variants.length) return undefined;
  const names = c.variants.map((v) => label(v));
  const never = c.variants.filter((v) => v.metrics[m.key].p50 === null).map((v) => label(v));
  const y = { field: 'variant', type: 'nominal', title: null, sort: names, axis: { labelLimit: 220 } };
  const x = { field: 'p50', type: 'quantitative', title: `${m.label.toLowerCase()} (${unit})`, scale: { zero: false } };
  return {
    id,
    kind: 'variant-figure',
    title: `${m.label} by variant (${unit})`,
    alt: `Dot chart of ${m.label.toLowerCase()} per variant: ${c.variants.map((v) => `${label(v)} ${metricValue(m, v.metrics[m.key].p50)}`).join('; ')}.`,
    caption: `A point per variant at the median over ${c.runs} runs, the rule its p10-p90 range.${never.length ? ` Never reached (median): ${never.join(', ')}.` : ''}`,
    table: { header: ['Variant', 'p10', 'p50', 'p90'], rows: c.variants.map((v) => [label(v), metricValue(m, v.metrics[m.key].p10), metricValue(m, v.metrics[m.key].p50), metricValue(m, v.metrics[m.key].p90)]) },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `${m.label} by variant (${unit})`, subtitle: `median and p10-p90 over ${c.runs} runs` },
      width: CHART_WIDTH - 160,
      height: { step: 26 },
      config: CONFIG,
      layer: [
        {
          name: COMPARISON_LAYER.range,
          data: { values: rows },
          mark: { type: 'rule', strokeWidth: 2, color: '#9ecae9' },
          encoding: { y, x: { ...x, field: 'p10' }, x2: { field: 'p90' } },
        },
        {
          name: COMPARISON_LAYER.point,
          data: { values: rows },
          mark: { type: 'point', filled: true, size: 70, color: '#1f5591' },
          encoding: { y, x },
        },
      ],
    } as TopLevelSpec,
  };
}

/** The comparison's charts: stored, billed and cumulative cost per day, then one per figure that differs. */
export function comparisonCharts(c: ComparisonResult): ChartDefinition[] {
  const defs: Array<ChartDefinition | undefined> = [
    seriesChart(c, { id: 'variants-stored', title: 'Stored storage of the fleet (GiB)', yTitle: 'stored (GiB)', pick: (v) => v.daily.storedBytes, scale: GIB, fmt: fmtGiB }),
    seriesChart(c, { id: 'variants-billed', title: 'Billed storage of the fleet (GiB)', yTitle: 'billed (GiB)', pick: (v) => v.daily.billedBytes, scale: GIB, fmt: fmtGiB }),
    seriesChart(c, { id: 'variants-cost', title: 'Cost of the fleet so far (USD)', yTitle: 'cost so far (USD)', pick: (v) => v.daily.cumulativeCostUsd, scale: 1, fmt: (n) => `$${n.toFixed(2)}` }),
    ...COMPARISON_METRICS.map((m) => metricChart(c, m, `variants-${m.key}`)),
  ];
  return defs.filter((d): d is ChartDefinition => d !== undefined);
}

/**
 * Renders a comparison as a self-contained HTML page: the recommendation, the figures and the
 * paired differences, notes (failed assertions, ignored settings), then the charts.
 * @param c the comparison (`--format json` prints the same data)
 * @returns the whole HTML document
 */
export async function renderComparisonHtml(c: ComparisonResult): Promise<string> {
  const tone = c.passed ? 'pass' : 'fail';
  const num = (h: string): Cell => ({ text: h, num: true });
  const body: string[] = [
    '<header>',
    `<h1>acrkit simulate: ${esc(c.scenario)}, variants side by side</h1>`,
    `<p class="meta">Scenario <code>${esc(c.file)}</code> · ${esc(comparisonIntro(c))}</p>`,
    `<p class="verdict ${tone}">${statusIcon(tone)} ${esc(terminalText(c.recommendation.text))}</p>`,
    '</header>',
    '<section id="figures">',
    '<h2>Figures</h2>',
    table(
      figureHeaders().map((h, i) => (i < 2 ? h : num(h))),
      figureRows(c).map((r) => r.map((x, i): Cell => (i < 2 || i === r.length - 1 ? x : num(x)))),
      { caption: 'Fleet figures per variant (p50, with p10-p90 when runs differ)', rowHeaders: true },
    ),
  ];
  const deltas = deltaRows(c);
  if (deltas.length) {
    body.push(
      table(
        deltaHeaders().map((h, i) => (i === 0 ? h : num(h))),
        deltas.map((r) => r.map((x, i): Cell => (i === 0 ? x : num(x)))),
        { caption: `Paired difference from ${terminalText(c.baseline)}, run by run (median, p10-p90)`, rowHeaders: true },
      ),
    );
  }
  body.push('</section>');
  const notes = comparisonNotes(c);
  if (notes.length) body.push('<section id="notes">', '<h2>Notes</h2>', `<ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`, '</section>');
  body.push('<section id="charts">', '<h2>Charts</h2>');
  for (const d of comparisonCharts(c)) body.push(figure(await renderChart(d)));
  body.push('</section>');
  return page({ title: `acrkit simulate: ${c.scenario} (variants)`, body: body.join('\n') });
}
