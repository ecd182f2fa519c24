/**
 * The HTML report of a calibration: fitted parameters, goodness of fit, the observed history
 * and its replay charted together (stored storage, daily pushes, daily pulls), the replay table,
 * notes, and the fitted scenario.
 */
import type { TopLevelSpec } from 'vega-lite';
import { GIB } from '../../catalog/tiers.js';
import { CHART_WIDTH, CONFIG, renderChart, sampleIndices, type ChartDefinition } from '../html/charts.js';
import { esc, figure, page, table } from '../html/page.js';
import type { CalibrationFit, ReplayDay } from '../../sim/calibrate/fit.js';
import type { CalibrationResult } from '../../sim/calibrate/result.js';
import { PARAMETER_HEADERS, parameterRows, qualityText, replayHeaders, replayRows } from './calibration-rows.js';

/** Names of the data-mark layers of the calibration charts (`g.role-mark.<name>_marks`). */
export const CALIBRATION_LAYER = {
  /** The observed history: one line. */
  observed: 'observed',
  /** The replay of the fitted model: one line. */
  replayed: 'replayed',
} as const;

/** Observed vs replayed of one series, one line each. */
function historyChart(fit: CalibrationFit, o: { id: string; title: string; yTitle: string; observed: (d: ReplayDay) => number | null; replayed: (d: ReplayDay) => number | null; scale: number; fmt: (v: number) => string }): ChartDefinition {
  const obs = fit.replay.flatMap((d, k) => {
    const v = o.observed(d);
    return v === null ? [] : [{ day: k, date: d.date, y: v / o.scale }];
  });
  const rep = fit.replay.flatMap((d, k) => {
    const v = o.replayed(d);
    return v === null ? [] : [{ day: k, date: d.date, y: v / o.scale }];
  });
  const x = { field: 'day', type: 'quantitative', title: `days from ${fit.from}`, axis: { tickMinStep: 1 }, scale: { domain: [0, Math.max(1, fit.days - 1)], nice: false } };
  const y = { field: 'y', type: 'quantitative', title: o.yTitle };
  const at = (k: number, list: ReadonlyArray<{ day: number; y: number }>): string => {
    const p = list.find((q) => q.day === k);
    return p ? o.fmt(p.y) : '-';
  };
  return {
    id: o.id,
    kind: 'calibration',
    title: o.title,
    alt: `Line chart of ${o.title.toLowerCase()} over ${fit.days} days from ${fit.from}: observed (grey) and replayed by the fitted model (blue, dashed). On the last day observed ${at(fit.days - 1, obs)}, replayed ${at(fit.days - 1, rep)}.`,
    caption: `Observed: the metrics export. Replayed: the fitted model's expectation from the first day (pushes by weekday; storage from the fitted base content and new bytes per push).`,
    table: { header: ['Date', 'Observed', 'Replayed'], rows: sampleIndices(fit.days).map((k) => [fit.replay[k]!.date, at(k, obs), at(k, rep)]) },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: o.title, subtitle: 'observed vs replayed by the fitted model' },
      width: CHART_WIDTH,
      height: 200,
      config: CONFIG,
      layer: [
        { name: CALIBRATION_LAYER.observed, data: { values: obs }, mark: { type: 'line', color: '#7f7f7f', strokeWidth: 1.5, point: { size: 12, color: '#7f7f7f' } }, encoding: { x, y } },
        { name: CALIBRATION_LAYER.replayed, data: { values: rep }, mark: { type: 'line', color: '#1f5591', strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x, y } },
      ],
    } as TopLevelSpec,
  };
}

/** The calibration's charts: storage, pushes, and pulls when the export has them. */
export function calibrationCharts(fit: CalibrationFit): ChartDefinition[] {
  const count = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return [
    historyChart(fit, { id: 'calibration-storage', title: 'Stored storage (GiB)', yTitle: 'stored (GiB)', observed: (d) => d.storageBytes, replayed: (d) => d.storageFit, scale: GIB, fmt: (v) => `${v.toFixed(2)} GiB` }),
    historyChart(fit, { id: 'calibration-pushes', title: 'Pushes per day', yTitle: 'pushes', observed: (d) => d.pushes, replayed: (d) => d.pushesFit, scale: 1, fmt: count }),
    ...(fit.pullsPerDay !== null ? [historyChart(fit, { id: 'calibration-pulls', title: 'Pulls per day', yTitle: 'pulls', observed: (d) => d.pulls, replayed: (d) => d.pullsFit, scale: 1, fmt: count })] : []),
  ];
}

/**
 * Renders a calibration as a self-contained HTML page.
 * @param c the calibration (`--format json` prints the same data)
 * @returns the whole HTML document
 */
export async function renderCalibrationHtml(c: CalibrationResult): Promise<string> {
  const f = c.fit;
  const body: string[] = [
    '<header>',
    `<h1>acrkit simulate calibrate: ${esc(c.file)}</h1>`,
    `<p class="meta">${f.days} days, ${esc(f.from)} to ${esc(f.to)}; ${esc(f.tags)} tags, retention ${f.retentionDays} days (${esc(f.model)} storage model).</p>`,
    `<p class="headline">${esc(qualityText(f))}</p>`,
    '</header>',
    '<section id="parameters">',
    '<h2>Fitted parameters</h2>',
    table(PARAMETER_HEADERS, parameterRows(f), { caption: 'Fitted from the metrics export', rowHeaders: true }),
    '</section>',
    '<section id="replay">',
    '<h2>Replayed history next to the observed one</h2>',
  ];
  for (const d of calibrationCharts(f)) body.push(figure(await renderChart(d)));
  body.push(table(replayHeaders(f), replayRows(f), { caption: 'Sampled days', rowHeaders: true }), '</section>');
  if (f.notes.length) body.push('<section id="notes">', '<h2>Notes</h2>', `<ul>${f.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`, '</section>');
  body.push(
    '<section id="scenario">',
    '<h2>Fitted scenario</h2>',
    c.scenarioFile ? `<p>Written to <code>${esc(c.scenarioFile)}</code>.</p>` : '',
    `<pre style="white-space: pre-wrap; overflow-wrap: anywhere"><code>${esc(c.scenarioYaml)}</code></pre>`,
    '</section>',
  );
  return page({ title: `acrkit simulate calibrate: ${c.file}`, body: body.join('\n') });
}
