/**
 * Charts of the HTML report: vega-lite specs built from simulation and review results, and
 * their rendering to static SVG on the server (vega's headless `View#toSVG`, no browser and
 * no script in the report).
 *
 * Every chart comes with a text alternative: a one-paragraph `alt`, a caption, and a small
 * data table (sampled) for readers who cannot see the SVG. Data marks are named layers so a
 * test can find them: a layer named `foo` renders as `<g class="mark-<type> role-mark foo_marks">`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RegistrySummary } from '../../sim/results/result.js';
import { counted } from '../../format/counts.js';
import type { ForecastDelta, ForecastStorage, SimulationDelta } from '../../review/review-types.js';
import { FORECAST_REFERENCE_MAX_RATIO, forecastSentence, partDay, sizeText } from '../review/forecast.js';

export { FORECAST_REFERENCE_MAX_RATIO } from '../review/forecast.js';
import type { CostDelta } from '../../review/review-types.js';
import { formatBytes, minuteText, usd } from '../../format/numbers.js';
import { GIB } from '../../catalog/tiers.js';

/** Bytes in a GiB. */

/**
 * A reference line (included storage, storage limit) is drawn only when it is at most this
 * many times the chart's peak value; further above it would flatten the data into the axis.
 */
export const REFERENCE_LINE_MAX_RATIO = 10;

/** Width of the plotting area in CSS pixels (fits A4 portrait with 15 mm margins). */
export const CHART_WIDTH = 560;

/** System font stack (no web fonts: the report works offline). */
export const FONT_STACK = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/**
 * Names of the data-mark layers. A layer named `n` renders as `g.role-mark.n_marks`, one
 * `path` per area or line series, one `path` per bar or rect, one `line` per rule and one
 * `text` per label.
 */
export const LAYER = {
  /** Stacked areas of stored bytes: tagged, untagged, soft-deleted (one path each). */
  stored: 'stored',
  /** Reference rules (included storage, storage limit): one line each shown. */
  reference: 'reference',
  /** Labels of the reference rules. */
  referenceLabel: 'reference_label',
  /** p10-p90 band of billed storage (only with more than one run). */
  billedBand: 'billed_band',
  /** p50 line of billed storage. */
  billedMedian: 'billed_median',
  /** Bars of cost per month (p50): one per month. */
  costBar: 'cost_bar',
  /** p10-p90 range of cost per month (only with more than one run): one rule per month. */
  costRange: 'cost_range',
  /** Outage bars in the event lane: one per outage. */
  outage: 'outage',
  /** Outage labels (exposure): one per outage. */
  outageLabel: 'outage_label',
  /** Availability bars in the client lanes: one per outage and client region. */
  availability: 'availability',
  /** Availability labels: one per outage and client region. */
  availabilityLabel: 'availability_label',
  /** Stored GiB lines of a review forecast: one per side (base, head) present. */
  forecast: 'forecast',
  /** Included storage and limit rules of a review forecast within 10x of the peak: one line each. */
  forecastReference: 'forecast_reference',
  /** Their labels: one text each. */
  forecastReferenceLabel: 'forecast_reference_label',
  /** Dots where a side first crosses a drawn rule within the horizon: one path each. */
  forecastCrossing: 'forecast_crossing',
  /** Their labels (`head: day 8`): one text each. */
  forecastCrossingLabel: 'forecast_crossing_label',
  /** The vertical rule on the day base and head part (when after day 0): one line. */
  forecastPart: 'forecast_part',
  /** Its label: one text. */
  forecastPartLabel: 'forecast_part_label',
  /** Labels at the lines' ends when both sides are present: one per side, or one (`base = head`) when they never part. */
  forecastLabel: 'forecast_label',
  /** Review cost bars: one per registry and side with a known cost. */
  reviewCost: 'review_cost',
} as const;

/** A small data table: the chart's data for readers who cannot see it. */
export interface DataTable {
  /** Column headers, with units. */
  readonly header: readonly string[];
  /** Rows (already formatted). */
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** A chart before rendering. */
export interface ChartDefinition {
  /** Stable id, unique in a report (used for element ids). */
  readonly id: string;
  /** Kind of chart (`storage`, `billed`, `monthly-cost`, `outages`, `forecast`, `review-cost`). */
  readonly kind: string;
  /** Title, with units. */
  readonly title: string;
  /** Text alternative: what the chart shows and its key values, in a few sentences. */
  readonly alt: string;
  /** Caption: how to read the chart (percentiles used, lines left out and why). */
  readonly caption: string;
  /** Data summary (sampled). */
  readonly table: DataTable;
  /** The vega-lite spec. */
  readonly spec: TopLevelSpec;
}

/** A chart rendered to SVG. */
export interface RenderedChart extends ChartDefinition {
  /** Standalone SVG markup (ids, if any, prefixed with the chart id). */
  readonly svg: string;
}

const COLORS = {
  tagged: '#4c78a8',
  untagged: '#f58518',
  softDeleted: '#b279a2',
  included: '#54a24b',
  limit: '#e45756',
  band: '#9ecae9',
  median: '#1f5591',
  base: '#7f7f7f',
  head: '#4c78a8',
  ok: '#54a24b',
  degraded: '#f2a134',
  down: '#d62728',
  event: '#555555',
} as const;

/** The vega-lite config every chart of the reports shares (fonts, axes, legend, title). */
export const CONFIG = {
  font: FONT_STACK,
  background: 'white',
  padding: 8,
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#222', labelColor: '#333' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal' },
  title: { fontSize: 14, anchor: 'start', fontWeight: 'bold' },
  aria: false,
} as const;

function gib(bytes: number): number {
  return bytes / GIB;
}

function fmtGiB(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} GiB`;
}


function pct(v: number): string {
  return `${(v * 100).toFixed(v >= 0.9995 && v < 1 ? 3 : 2)}%`;
}

/** At most `max` indices from 0 to `n - 1`, evenly spread, first and last included. */
export function sampleIndices(n: number, max = 13): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...out];
}

/** A slug usable in element ids and class names. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/** A reference value and whether it is drawn (within {@link REFERENCE_LINE_MAX_RATIO} of the peak). */
interface Reference {
  readonly label: string;
  readonly gib: number;
  readonly shown: boolean;
}

/**
 * The reference lines of a chart: the included storage `included` (bytes: once for stored bytes,
 * the allowance billed bytes are compared with for billed bytes) and, `withLimit`, the limit.
 */
function references(g: RegistrySummary, peakGiB: number, withLimit: boolean, included = g.includedBytes): Reference[] {
  const refs: Reference[] = [];
  const within = (v: number): boolean => peakGiB > 0 && v <= peakGiB * REFERENCE_LINE_MAX_RATIO;
  if (included > 0) refs.push({ label: `included ${formatBytes(included)}`, gib: gib(included), shown: within(gib(included)) });
  if (withLimit && g.limitBytes > 0) refs.push({ label: `limit ${formatBytes(g.limitBytes)}`, gib: gib(g.limitBytes), shown: within(gib(g.limitBytes)) });
  return refs;
}

function referenceSentence(refs: readonly Reference[], peakGiB: number): string {
  const shown = refs.filter((r) => r.shown);
  const hidden = refs.filter((r) => !r.shown);
  const parts: string[] = [];
  if (shown.length) parts.push(`Drawn as labelled horizontal rules: ${shown.map((r) => r.label).join(', ')}.`);
  if (hidden.length) {
    parts.push(
      `Not drawn because ${hidden.length === 1 ? 'it is' : 'they are'} more than ${REFERENCE_LINE_MAX_RATIO}x the peak of ${fmtGiB(peakGiB)}: ${hidden.map((r) => r.label).join(', ')}.`,
    );
  }
  return parts.join(' ');
}

function referenceLayers(refs: readonly Reference[]): object[] {
  const shown = refs.filter((r) => r.shown);
  if (!shown.length) return [];
  const values = shown.map((r) => ({ y: r.gib, label: r.label, color: r.label.startsWith('limit') ? COLORS.limit : COLORS.included }));
  return [
    {
      name: LAYER.reference,
      data: { values },
      mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 1.5 },
      encoding: { y: { field: 'y', type: 'quantitative' }, color: { field: 'color', type: 'nominal', scale: null } },
    },
    {
      name: LAYER.referenceLabel,
      data: { values },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 11 },
      encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } },
    },
  ];
}

const DAY_AXIS = { title: 'day of the simulation (days)', tickMinStep: 1 } as const;

/**
 * Stored storage over time, stacked tagged / untagged / soft-deleted (medians over runs),
 * with included storage and the storage limit as rules when within 10x of the peak.
 * @param g the registry
 * @param id element id (default `storage-<slug of the name>`)
 */
export function storageChart(g: RegistrySummary, id = `storage-${slug(g.name)}`): ChartDefinition {
  const { taggedBytes, untaggedBytes, softDeletedBytes } = g.daily;
  const days = taggedBytes.p50.length;
  const kinds = [
    { key: 'tagged', series: taggedBytes.p50, color: COLORS.tagged },
    { key: 'untagged', series: untaggedBytes.p50, color: COLORS.untagged },
    { key: 'soft-deleted', series: softDeletedBytes.p50, color: COLORS.softDeleted },
  ];
  const values: Array<{ day: number; kind: string; order: number; gib: number }> = [];
  let peak = 0;
  for (let d = 0; d < days; d++) {
    let total = 0;
    kinds.forEach((k, order) => {
      const v = gib(k.series[d] ?? 0);
      total += v;
      values.push({ day: d, kind: k.key, order, gib: v });
    });
    peak = Math.max(peak, total);
  }
  const refs = references(g, peak, true);
  const last = days - 1;
  const at = (s: readonly number[], d: number): string => fmtGiB(gib(s[d] ?? 0));
  const alt =
    `Stacked area chart of ${g.name}'s stored storage in GiB over ${days} days (medians over runs). ` +
    (days ? `On day ${last}: tagged ${at(taggedBytes.p50, last)}, untagged ${at(untaggedBytes.p50, last)}, soft-deleted ${at(softDeletedBytes.p50, last)}; peak total ${fmtGiB(peak)}. ` : 'No days simulated. ') +
    referenceSentence(refs, peak);
  return {
    id,
    kind: 'storage',
    title: `${g.name}: stored storage (GiB)`,
    alt,
    caption: `Tagged, untagged and soft-deleted bytes per day, each the median (p50) over runs, stacked. ${referenceSentence(refs, peak)}`,
    table: {
      header: ['Day', 'Tagged (GiB)', 'Untagged (GiB)', 'Soft-deleted (GiB)'],
      rows: sampleIndices(days).map((d) => [String(d), at(taggedBytes.p50, d), at(untaggedBytes.p50, d), at(softDeletedBytes.p50, d)]),
    },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `${g.name}: stored storage (GiB)`, subtitle: 'tagged / untagged / soft-deleted, p50 over runs' },
      width: CHART_WIDTH,
      height: 220,
      config: CONFIG,
      layer: [
        {
          name: LAYER.stored,
          data: { values },
          mark: { type: 'area', line: false, opacity: 0.85 },
          encoding: {
            x: { field: 'day', type: 'quantitative', axis: DAY_AXIS, scale: { domain: [0, Math.max(1, days - 1)], nice: false } },
            y: { field: 'gib', type: 'quantitative', stack: 'zero', title: 'stored (GiB)' },
            color: { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds.map((k) => k.key), range: kinds.map((k) => k.color) } },
            order: { field: 'order', type: 'quantitative' },
          },
        },
        ...referenceLayers(refs),
      ],
    } as TopLevelSpec,
  };
}

/**
 * Billed storage per day: p50 line, p10-p90 band when `runs > 1`, included storage as a rule
 * when within 10x of the peak.
 * @param g the registry
 * @param runs Monte Carlo runs (a band only when more than one)
 * @param id element id (default `billed-<slug of the name>`)
 */
export function billedChart(g: RegistrySummary, runs: number, id = `billed-${slug(g.name)}`): ChartDefinition {
  const b = g.daily.billedBytes;
  const days = b.p50.length;
  const band = runs > 1;
  const values = b.p50.map((v, d) => ({ day: d, p10: gib(b.p10[d] ?? v), p50: gib(v), p90: gib(b.p90[d] ?? v) }));
  const peak = Math.max(0, ...values.map((v) => (band ? v.p90 : v.p50)));
  // Billed bytes count every billed copy: the allowance they are compared with is the included
  // storage times the copies when each replica has its own (lib/sim/engine/limits.ts).
  const refs = references(g, peak, false, g.billedAllowanceBytes ?? g.includedBytes);
  const last = values[values.length - 1];
  const bandText = band ? `The shaded band is the p10-p90 range over ${runs} Monte Carlo runs around the median line.` : 'A single run: no percentile band.';
  const x = { field: 'day', type: 'quantitative', axis: DAY_AXIS, scale: { domain: [0, Math.max(1, days - 1)], nice: false } };
  return {
    id,
    kind: 'billed',
    title: `${g.name}: billed storage (GiB)`,
    alt:
      `Line chart of ${g.name}'s billed storage in GiB over ${days} days. ` +
      (last ? `On day ${days - 1} the median is ${fmtGiB(last.p50)}${band ? ` (p10 ${fmtGiB(last.p10)}, p90 ${fmtGiB(last.p90)})` : ''}. ` : '') +
      `${bandText} ${referenceSentence(refs, peak)}`,
    caption: `Billed bytes per day (all billed copies, soft-deleted bytes when billed). ${bandText} ${referenceSentence(refs, peak)}`,
    table: {
      header: band ? ['Day', 'p10 (GiB)', 'p50 (GiB)', 'p90 (GiB)'] : ['Day', 'Billed (GiB)'],
      rows: sampleIndices(days).map((d) => {
        const v = values[d]!;
        return band ? [String(d), fmtGiB(v.p10), fmtGiB(v.p50), fmtGiB(v.p90)] : [String(d), fmtGiB(v.p50)];
      }),
    },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `${g.name}: billed storage (GiB)`, subtitle: band ? `p50 line, p10-p90 band over ${runs} runs` : 'single run' },
      width: CHART_WIDTH,
      height: 200,
      config: CONFIG,
      layer: [
        ...(band
          ? [
              {
                name: LAYER.billedBand,
                data: { values },
                mark: { type: 'area', color: COLORS.band, opacity: 0.6 },
                encoding: { x, y: { field: 'p10', type: 'quantitative', title: 'billed (GiB)' }, y2: { field: 'p90' } },
              },
            ]
          : []),
        {
          name: LAYER.billedMedian,
          data: { values },
          mark: { type: 'line', color: COLORS.median, strokeWidth: 2 },
          encoding: { x, y: { field: 'p50', type: 'quantitative', title: 'billed (GiB)' } },
        },
        ...referenceLayers(refs),
      ],
    } as TopLevelSpec,
  };
}

/**
 * Cost per 30-day month: p50 bars, p10-p90 rules when `runs > 1`; a partial last month is
 * drawn lighter and named in the text.
 * @param g the registry
 * @param runs Monte Carlo runs
 * @param horizonDays days simulated
 * @param id element id (default `cost-<slug of the name>`)
 */
export function monthlyCostChart(g: RegistrySummary, runs: number, horizonDays: number, id = `cost-${slug(g.name)}`): ChartDefinition {
  const range = runs > 1;
  const values = g.monthlyCostUsd.map((s, i) => ({
    month: i + 1,
    p10: s.p10 ?? 0,
    p50: s.p50 ?? 0,
    p90: s.p90 ?? 0,
    partial: (i + 1) * 30 > horizonDays,
  }));
  const partial = values.filter((v) => v.partial).map((v) => v.month);
  const partialText = partial.length ? ` Month ${partial.join(', ')} is partial (the horizon is ${horizonDays} days).` : '';
  const max = values.reduce((m, v) => (v.p50 > m.p50 ? v : m), values[0] ?? { month: 0, p10: 0, p50: 0, p90: 0, partial: false });
  const rangeText = range ? `Whiskers show the p10-p90 range over ${runs} runs.` : 'A single run: no percentile range.';
  const x = { field: 'month', type: 'ordinal', title: 'month (30 days)', axis: { labelAngle: 0 } };
  return {
    id,
    kind: 'monthly-cost',
    title: `${g.name}: cost per month (USD)`,
    alt:
      `Bar chart of ${g.name}'s cost per 30-day month in USD, ${values.length} months (medians). ` +
      (values.length ? `Highest: month ${max.month} at ${usd(max.p50)}${range ? ` (p10 ${usd(max.p10)}, p90 ${usd(max.p90)})` : ''}. ` : '') +
      rangeText +
      partialText,
    caption: `Registry units, replicas, storage above the included amount and task time, per 30-day month; bars are medians. ${rangeText}${partialText}`,
    table: {
      header: range ? ['Month', 'p10 (USD)', 'p50 (USD)', 'p90 (USD)'] : ['Month', 'Cost (USD)'],
      rows: values.map((v) => (range ? [String(v.month), usd(v.p10), usd(v.p50), usd(v.p90)] : [String(v.month), usd(v.p50)])),
    },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `${g.name}: cost per month (USD)`, subtitle: range ? `p50 bars, p10-p90 whiskers over ${runs} runs` : 'single run' },
      width: CHART_WIDTH,
      height: 180,
      config: CONFIG,
      data: { values },
      layer: [
        {
          name: LAYER.costBar,
          mark: { type: 'bar', color: COLORS.tagged },
          encoding: {
            x,
            y: { field: 'p50', type: 'quantitative', title: 'cost (USD)', axis: { format: '$,.0f' } },
            opacity: { condition: { test: 'datum.partial', value: 0.5 }, value: 1 },
          },
        },
        ...(range
          ? [{ name: LAYER.costRange, mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x, y: { field: 'p10', type: 'quantitative' }, y2: { field: 'p90' } } }]
          : []),
      ],
    } as TopLevelSpec,
  };
}


/**
 * Outage timeline of one registry: an event lane (one bar per outage, labelled with the
 * exposure: manifests and bytes not yet replicated) and one lane per client region (bar
 * coloured by pull availability during the event, labelled with it). Bars shorter than 0.6%
 * of the horizon are drawn at that width so they stay visible; the text says so. Labels sit
 * right of the bars in the first half of the horizon, left of them in the second.
 * @param g the registry
 * @param horizonDays days simulated
 * @param id element id (default `outages-<slug of the name>`)
 * @returns undefined when the registry has no outages
 */
export function outageChart(g: RegistrySummary, horizonDays: number, id = `outages-${slug(g.name)}`): ChartDefinition | undefined {
  if (!g.outages.length) return undefined;
  const horizonMin = horizonDays * 1440;
  const minWidth = horizonMin * 0.006;
  const events = g.outages.map((o) => {
    const manifests = o.exposureManifests.p50 ?? 0;
    const bytes = o.exposureBytes.p50 ?? 0;
    return {
      lane: 'outage (event)',
      start: o.startMinute / 1440,
      end: Math.max(o.endMinute, o.startMinute + minWidth) / 1440,
      right: o.startMinute > horizonMin * 0.5,
      label: `${o.region}${o.home ? ' (home)' : ''}: exposure ${manifests.toFixed(manifests % 1 ? 2 : 0)} manifests, ${formatBytes(bytes)}`,
    };
  });
  const lanes = ['outage (event)'];
  const avail: Array<{ lane: string; start: number; end: number; right: boolean; availability: number; label: string }> = [];
  g.outages.forEach((o, i) => {
    for (const [client, s] of Object.entries(o.availabilityByRegion)) {
      const lane = `${client} clients`;
      if (!lanes.includes(lane)) lanes.push(lane);
      const a = s.p50 ?? 0;
      avail.push({ lane, start: events[i]!.start, end: events[i]!.end, right: events[i]!.right, availability: a * 100, label: pct(a) });
    }
  });
  const shortest = Math.min(...g.outages.map((o) => o.endMinute - o.startMinute));
  const widened = shortest < minWidth;
  const widenText = widened ? ` Bars shorter than ${(minWidth / 60).toFixed(0)} hours are drawn at that width to stay visible.` : '';
  const x = {
    field: 'start',
    type: 'quantitative',
    title: 'day of the simulation (days)',
    scale: { domain: [0, horizonDays], nice: false },
  };
  const y = { field: 'lane', type: 'nominal', title: null, sort: lanes, axis: { labelLimit: 260 } };
  // Labels sit beside the bar on the side with more room and are cut (with an ellipsis) at
  // the plot's edge; the full text is in the data table and the text alternative.
  const labelMark = {
    type: 'text',
    fontSize: 11,
    align: { expr: "datum.right ? 'right' : 'left'" },
    dx: { expr: 'datum.right ? -4 : 4' },
    limit: { expr: `max(40, (datum.right ? datum.pos / ${horizonDays} : 1 - datum.pos / ${horizonDays}) * ${CHART_WIDTH} - 8)` },
  };
  const labelX = { field: 'pos', type: 'quantitative' };
  const withPos = <T extends { start: number; end: number; right: boolean }>(rows: T[]): Array<T & { pos: number }> =>
    rows.map((r) => ({ ...r, pos: r.right ? r.start : r.end }));
  const rows = g.outages.flatMap((o, i) => [
    [
      String(i + 1),
      `${o.kind} ${o.region}${o.home ? ' (home)' : ''}`,
      `${minuteText(o.startMinute)}, ${((o.endMinute - o.startMinute) / 60).toFixed(1)} h`,
      Object.entries(o.availabilityByRegion)
        .map(([c, s]) => `${c} ${pct(s.p50 ?? 0)}`)
        .join('; ') || '-',
      `${(o.exposureManifests.p50 ?? 0).toFixed(2)} manifests, ${formatBytes(o.exposureBytes.p50 ?? 0)}`,
    ],
  ]);
  const worst = avail.reduce<(typeof avail)[number] | undefined>((w, a) => (!w || a.availability < w.availability ? a : w), undefined);
  return {
    id,
    kind: 'outages',
    title: `${g.name}: outage timeline`,
    alt:
      `Timeline of ${counted(g.outages.length, 'outage event')} for ${g.name} over ${horizonDays} days, with pull availability by client region during each event (medians) and the exposure (manifests not yet replicated). ` +
      rows.map((r) => `Event ${r[0]}: ${r[1]} at ${r[2]}; availability ${r[3]}; exposure ${r[4]}.`).join(' ') +
      (worst ? ` Lowest availability: ${worst.lane} at ${worst.label}.` : '') +
      widenText,
    caption: `Top lane: outage events, labelled with the exposure (median manifests and bytes not yet replicated when the region failed). Other lanes: pull availability during the event per client region, green at or above 99.9%, amber from 99%, red below.${widenText}`,
    table: { header: ['#', 'Event', 'When (duration, hours)', 'Pull availability by client region', 'Exposure'], rows },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `${g.name}: outage timeline`, subtitle: 'availability during each event by client region, p50 over runs' },
      width: CHART_WIDTH,
      height: { step: 28 },
      config: CONFIG,
      layer: [
        {
          name: LAYER.outage,
          data: { values: withPos(events) },
          mark: { type: 'bar', color: COLORS.event, height: 16 },
          encoding: { x, x2: { field: 'end' }, y },
        },
        {
          name: LAYER.outageLabel,
          data: { values: withPos(events) },
          mark: labelMark,
          encoding: { x: labelX, y, text: { field: 'label' } },
        },
        ...(avail.length
          ? [
              {
                name: LAYER.availability,
                data: { values: withPos(avail) },
                mark: { type: 'bar', height: 16 },
                encoding: {
                  x,
                  x2: { field: 'end' },
                  y,
                  color: {
                    field: 'availability',
                    type: 'quantitative',
                    title: 'pull availability (%)',
                    scale: { type: 'threshold', domain: [99, 99.9], range: [COLORS.down, COLORS.degraded, COLORS.ok] },
                    legend: null,
                  },
                },
              },
              {
                name: LAYER.availabilityLabel,
                data: { values: withPos(avail) },
                mark: labelMark,
                encoding: { x: labelX, y, text: { field: 'label' } },
              },
            ]
          : []),
      ],
    } as TopLevelSpec,
  };
}

/** A horizontal line of a review forecast: included storage or the limit, of one side or both. */
interface ForecastRule {
  readonly kind: 'included' | 'limit';
  readonly side: 'base' | 'head' | 'both';
  readonly gib: number;
  readonly label: string;
}

/** The rules of a forecast: one per threshold when base and head share it, else one per side. */
function forecastRules(f: ForecastDelta): { shown: ForecastRule[]; hidden: ForecastRule[]; peak: number } {
  const peak = Math.max(0, ...(f.base ?? []), ...(f.head ?? []));
  const rules: ForecastRule[] = [];
  const s = f.storage;
  for (const kind of ['included', 'limit'] as const) {
    const value = (x: ForecastStorage): number => (kind === 'included' ? x.includedGiB : x.limitGiB);
    const word = kind === 'included' ? 'included' : 'limit';
    const b = s?.base ?? null;
    const h = s?.head ?? null;
    if (b && h && value(b) === value(h)) rules.push({ kind, side: 'both', gib: value(h), label: `${word} ${sizeText(value(h))}` });
    else {
      if (b) rules.push({ kind, side: 'base', gib: value(b), label: `base ${word} ${sizeText(value(b))}` });
      if (h) rules.push({ kind, side: 'head', gib: value(h), label: `head ${word} ${sizeText(value(h))}` });
    }
  }
  const within = (r: ForecastRule): boolean => peak > 0 && r.gib <= peak * FORECAST_REFERENCE_MAX_RATIO;
  return { shown: rules.filter(within), hidden: rules.filter((r) => !within(r)), peak };
}

/**
 * Review forecast of one registry: stored GiB per day (mean of runs), base dashed grey and
 * head solid blue; included storage (green) and the limit (red) of each side as horizontal
 * rules when within 5x of the peak (one rule when both sides share it); a dot where each
 * side first crosses them; where the lines part, a vertical rule, and each line's end
 * labelled with its side and value (one label when they never part).
 * @param f the registry's forecast
 * @param sim the review's simulation (scenario, seed, runs)
 * @param id element id (default `forecast-<slug of the address>`)
 * @returns undefined when neither side has a series
 */
export function forecastChart(f: ForecastDelta, sim: SimulationDelta, id = `forecast-${slug(f.address)}`): ChartDefinition | undefined {
  const sides = (
    [
      ['base', f.base],
      ['head', f.head],
    ] as const
  ).filter((s): s is readonly ['base' | 'head', readonly number[]] => s[1] !== null);
  if (!sides.length) return undefined;
  const values = sides.flatMap(([side, xs]) => xs.map((v, day) => ({ day, side, gib: v })));
  const days = Math.max(...sides.map(([, xs]) => xs.length));
  const lastDay = Math.max(0, days - 1);
  const { shown, hidden, peak } = forecastRules(f);
  const rules = shown.map((r) => ({ ...r, color: r.kind === 'limit' ? COLORS.limit : COLORS.included, dash: r.side === 'base' ? [2, 3] : [6, 3] }));
  // A dot where a side first crosses a drawn rule (its own, or the shared one), within the horizon.
  const crossings = sides.flatMap(([side]) => {
    const st = f.storage?.[side];
    if (!st) return [];
    return (['included', 'limit'] as const).flatMap((kind) => {
      const day = kind === 'included' ? st.includedDay : st.limitDay;
      const rule = rules.find((r) => r.kind === kind && (r.side === side || r.side === 'both'));
      if (day === null || day > lastDay || !rule) return [];
      return [{ day, gib: rule.gib, side, color: side === 'base' ? COLORS.base : COLORS.head, label: `${side}: day ${day}`, right: day > lastDay * 0.7 }];
    });
  });
  const part = partDay(f);
  const ends = sides.map(([side, xs]) => ({ side, day: xs.length - 1, gib: xs[xs.length - 1] ?? 0 }));
  // Labels right of the lines' ends; two close ends are pushed apart (one above, one below).
  const higher = ends.length === 2 && ends[1]!.gib > ends[0]!.gib ? 'head' : 'base';
  const endLabels =
    ends.length === 2 && part === null
      ? [{ day: ends[1]!.day, gib: ends[1]!.gib, label: 'base = head', shift: 0, color: COLORS.head }]
      : ends.length === 2
        ? ends.map((e) => ({ day: e.day, gib: e.gib, label: `${e.side} ${sizeText(e.gib)}`, shift: e.side === higher ? -6 : 6, color: e.side === 'base' ? COLORS.base : COLORS.head }))
        : [];
  const present = sides.map(([s]) => s);
  const missing = (['base', 'head'] as const).filter((s) => !present.includes(s));
  const missingText = missing.length ? ` The registry is absent in ${missing.join(' and ')}.` : '';
  const sentence = forecastSentence(f, sim.horizonDays);
  const hiddenText = hidden.length
    ? ` Not drawn because ${hidden.length === 1 ? 'it is' : 'they are'} more than ${FORECAST_REFERENCE_MAX_RATIO}x the peak of ${sizeText(peak)}: ${hidden.map((r) => r.label).join(', ')}.`
    : '';
  const x = { field: 'day', type: 'quantitative', axis: DAY_AXIS, scale: { domain: [0, Math.max(1, lastDay)], nice: false } };
  const y = { field: 'gib', type: 'quantitative', title: 'stored (GiB)' };
  return {
    id,
    kind: 'forecast',
    title: `${f.address}: stored storage forecast, base vs head (GiB)`,
    alt: `Line chart of stored GiB per day (mean over ${sim.runs} runs) for ${f.address}, ${present.join(' and ')} overlaid over ${days} days. ${sentence}${missingText}${hiddenText}`,
    caption:
      `Scenario ${sim.scenario}, seed ${sim.seed}, ${counted(sim.runs, 'run')}, ${sim.horizonDays} days, simulated alike for base (dashed grey) and head (solid blue). ` +
      `Included storage in green and the storage limit in red, dotted for base and dashed for head where they differ; a dot marks the first day each side crosses one.${missingText}${hiddenText}`,
    table: {
      header: ['Day', ...present.map((s) => `${s} (GiB)`)],
      rows: sampleIndices(days).map((d) => [String(d), ...sides.map(([, xs]) => (xs[d] === undefined ? '-' : fmtGiB(xs[d]!)))]),
    },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `${f.address}: stored storage (GiB)`, subtitle: 'mean of runs per day, base vs head' },
      // Room right of the plot for the end labels, within the same overall width.
      width: endLabels.length ? CHART_WIDTH - 90 : CHART_WIDTH,
      height: 220,
      config: CONFIG,
      layer: [
        {
          name: LAYER.forecast,
          data: { values },
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x,
            y,
            color: { field: 'side', type: 'nominal', title: null, scale: { domain: ['base', 'head'], range: [COLORS.base, COLORS.head] }, legend: { symbolType: 'stroke', symbolStrokeWidth: 2 } },
            strokeDash: { field: 'side', type: 'nominal', title: null, scale: { domain: ['base', 'head'], range: [[6, 4], [1, 0]] }, legend: { symbolType: 'stroke', symbolStrokeWidth: 2 } },
          },
        },
        ...(rules.length
          ? [
              {
                name: LAYER.forecastReference,
                data: { values: rules },
                mark: { type: 'rule', strokeWidth: 1.5 },
                encoding: { y: { field: 'gib', type: 'quantitative' }, color: { field: 'color', type: 'nominal', scale: null }, strokeDash: { field: 'dash', type: 'nominal', scale: null } },
              },
              {
                name: LAYER.forecastReferenceLabel,
                data: { values: rules },
                mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 11 },
                encoding: { y: { field: 'gib', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } },
              },
            ]
          : []),
        ...(crossings.length
          ? [
              {
                name: LAYER.forecastCrossing,
                data: { values: crossings },
                mark: { type: 'point', filled: true, size: 70, opacity: 1 },
                encoding: { x, y, color: { field: 'color', type: 'nominal', scale: null } },
              },
              {
                name: LAYER.forecastCrossingLabel,
                data: { values: crossings },
                mark: { type: 'text', baseline: 'top', dy: 6, fontSize: 11, fontWeight: 'bold', align: { expr: "datum.right ? 'right' : 'left'" }, dx: { expr: 'datum.right ? -6 : 6' } },
                encoding: { x, y, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } },
              },
            ]
          : []),
        ...(part !== null && part > 0
          ? [
              {
                name: LAYER.forecastPart,
                data: { values: [{ day: part, label: `part on day ${part}` }] },
                mark: { type: 'rule', color: '#555', strokeDash: [1, 3], strokeWidth: 1 },
                encoding: { x },
              },
              {
                name: LAYER.forecastPartLabel,
                data: { values: [{ day: part, label: `part on day ${part}` }] },
                mark: { type: 'text', align: part > lastDay * 0.7 ? 'right' : 'left', baseline: 'top', dx: part > lastDay * 0.7 ? -4 : 4, fontSize: 11, color: '#555' },
                encoding: { x, y: { value: 2 }, text: { field: 'label' } },
              },
            ]
          : []),
        ...(endLabels.length
          ? [
              {
                name: LAYER.forecastLabel,
                data: { values: endLabels },
                mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 11, fontWeight: 'bold', dx: 6, dy: { expr: 'datum.shift' } },
                encoding: { x, y, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } },
              },
            ]
          : []),
      ],
    } as TopLevelSpec,
  };
}

/**
 * Review cost per registry, base vs head (USD per month; registry and replica units).
 * @param cost the review's cost delta
 * @param id element id (default `review-cost`)
 * @returns undefined when no registry has a known cost
 */
export function reviewCostChart(cost: CostDelta, id = 'review-cost'): ChartDefinition | undefined {
  const values = cost.registries.flatMap((r) =>
    (
      [
        ['base', r.base],
        ['head', r.head],
      ] as const
    )
      .filter(([, v]) => v !== null)
      .map(([side, v]) => ({ address: r.address, side, usd: v as number })),
  );
  if (!values.length) return undefined;
  return {
    id,
    kind: 'review-cost',
    title: 'Base cost per month by registry, base vs head (USD)',
    alt:
      `Grouped bar chart of monthly base cost in USD per registry, base and head. ` +
      cost.registries.map((r) => `${r.address}: ${r.base === null ? 'absent' : usd(r.base)} to ${r.head === null ? 'absent' : usd(r.head)}`).join('; ') +
      `. Total ${usd(cost.base)} to ${usd(cost.head)}.`,
    caption: 'Registry and replica units for a 30-day month, from the catalog; storage above the included amount is in the simulation forecast, not here.',
    table: {
      header: ['Registry', 'Base (USD/month)', 'Head (USD/month)', 'Delta (USD/month)'],
      rows: cost.registries.map((r) => [r.address, r.base === null ? '-' : usd(r.base), r.head === null ? '-' : usd(r.head), r.delta === null ? 'unknown' : usd(r.delta)]),
    },
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: 'Base cost per month (USD)', subtitle: 'registry and replica units, base vs head' },
      width: CHART_WIDTH,
      height: 180,
      config: CONFIG,
      data: { values },
      layer: [
        {
          name: LAYER.reviewCost,
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'address', type: 'nominal', title: 'registry', axis: { labelAngle: 0, labelLimit: 140 } },
            xOffset: { field: 'side', type: 'nominal', scale: { domain: ['base', 'head'] } },
            y: { field: 'usd', type: 'quantitative', title: 'cost (USD per month)', axis: { format: '$,.0f' } },
            color: { field: 'side', type: 'nominal', title: null, scale: { domain: ['base', 'head'], range: [COLORS.base, COLORS.head] } },
          },
        },
      ],
    } as TopLevelSpec,
  };
}

/**
 * Compiles a vega-lite spec and renders it to SVG with vega's headless view (no DOM, no
 * canvas needed).
 * @param spec the vega-lite spec
 * @param idPrefix prefix for any element ids in the SVG, so several charts can share a page (default `chart`)
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix = 'chart'): Promise<string> {
  const [vega, vl] = [await import('vega'), await import('vega-lite')];
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg
      .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${idPrefix}-${id}"`)
      .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${idPrefix}-${id})`)
      .replace(/(xlink:)?href="#([^"]+)"/g, (_m, x: string | undefined, id: string) => `${x ?? ''}href="#${idPrefix}-${id}"`);
  } finally {
    view.finalize();
  }
}

/** Renders a chart definition (one at a time: vega views are cheap, and this keeps memory flat). */
export async function renderChart(def: ChartDefinition): Promise<RenderedChart> {
  return { ...def, svg: await renderSvg(def.spec, def.id) };
}
