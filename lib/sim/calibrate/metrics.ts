/**
 * Reads an Azure Monitor metrics export of a registry, as
 * `az monitor metrics list --resource <registry id> --metrics StorageUsed SuccessfulPushCount
 * SuccessfulPullCount TotalPullCount --interval P1D --aggregation Total Average -o json` prints it
 * (the Metrics - List REST response: `{ value: [ { name: { value }, unit, timeseries: [ { data:
 * [ { timeStamp, average, total } ] } ] } ], interval, timespan, resourceregion }`), into daily series.
 *
 * - StorageUsed (bytes) is read from `average`; a metric split by dimension (StorageUsed by
 *   Geolocation, one series per replica) counts the largest series, since every replica holds
 *   the same data.
 * - The counts (SuccessfulPushCount, SuccessfulPullCount, TotalPullCount) are read from `total`,
 *   summed over series.
 * - A point without its aggregation is a day without data (skipped by the fit), not a zero.
 *
 * Every problem is an InputError with the file, the JSON pointer, the value seen and the fix.
 */
import { InputError, InputErrors } from '../../errors.js';
import { preview } from '../../format/values.js';
import { parseInputJson } from '../../input/json.js';

/** The metrics read, by their REST API names. */
export const METRIC_NAMES = ['StorageUsed', 'SuccessfulPushCount', 'SuccessfulPullCount', 'TotalPullCount'] as const;

/** One of {@link METRIC_NAMES}. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** The command that writes the export, for messages and docs. */
export const METRICS_COMMAND =
  'az monitor metrics list --resource <registry id> --metrics StorageUsed SuccessfulPushCount SuccessfulPullCount TotalPullCount --interval P1D --aggregation Total Average -o json';

/** Daily series read from an export; days are consecutive UTC dates, a null is a day without data. */
export interface MetricsHistory {
  /** UTC dates, `YYYY-MM-DD`, consecutive. */
  readonly days: readonly string[];
  /** Weekday of the first day, 0 = Monday. */
  readonly firstWeekday: number;
  /** StorageUsed (average of the day), bytes. */
  readonly storageBytes: ReadonlyArray<number | null>;
  /** SuccessfulPushCount (total of the day). */
  readonly pushes: ReadonlyArray<number | null>;
  /** SuccessfulPullCount (total of the day), or TotalPullCount when that is all the export has; null when neither. */
  readonly pulls: ReadonlyArray<number | null> | null;
  /** Which metric {@link pulls} came from. */
  readonly pullMetric: 'SuccessfulPullCount' | 'TotalPullCount' | null;
  /**
   * Registry name, from the metric ids (`.../registries/<name>/providers/...`).
   * @default - not in the export
   */
  readonly registry?: string;
  /**
   * Region of the registry (`resourceregion`).
   * @default - not in the export
   */
  readonly region?: string;
}

const DAY_MS = 86_400_000;
/** Most days an export may hold (ten years; a longer span is refused before any array is built). */
export const MAX_METRIC_DAYS = 3650;

/** An ISO-8601 date and time as Azure Monitor writes it: 4-digit year, optional seconds fraction, Z or an offset. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses an export's text (JSON). Throws {@link InputErrors} with every problem found. */
export function parseMetricsExport(text: string, file: string): MetricsHistory {
  const fix = `write it with ${METRICS_COMMAND}`;
  let data: unknown;
  try {
    // parseInputJson refuses deep nesting and never quotes the text in a syntax error.
    data = parseInputJson(text.replace(/^\uFEFF/, ''), { shown: file, what: 'metrics export', fix });
  } catch (e) {
    throw e instanceof InputError ? new InputErrors([e]) : e;
  }
  const errors: InputError[] = [];
  const err = (pointer: string, what: string, v: unknown, how: string): void => {
    errors.push(new InputError({ file, pointer }, `${pointer || '/'} must be ${what}, got ${preview(v)}: ${how}.`));
  };
  if (!isObject(data) || !Array.isArray(data.value)) {
    err(isObject(data) ? '/value' : '', 'an Azure Monitor metrics list result with a value array', isObject(data) ? data.value : data, fix);
    throw new InputErrors(errors);
  }
  const series = new Map<MetricName, Map<number, number[]>>();
  let registry: string | undefined;
  data.value.forEach((m: unknown, i: number) => {
    const p = `/value/${i}`;
    if (!isObject(m)) return err(p, 'a metric object', m, fix);
    const name = isObject(m.name) ? m.name.value : undefined;
    if (typeof name !== 'string') return err(`${p}/name/value`, 'the metric name', name, fix);
    if (!(METRIC_NAMES as readonly string[]).includes(name)) return; // other metrics are allowed and ignored
    const metric = name as MetricName;
    if (typeof m.id === 'string') registry ??= /\/registries\/([^/]+)/i.exec(m.id)?.[1];
    if (!Array.isArray(m.timeseries)) return err(`${p}/timeseries`, 'an array of time series', m.timeseries, fix);
    const agg = metric === 'StorageUsed' ? 'average' : 'total';
    const days = series.get(metric) ?? new Map<number, number[]>();
    series.set(metric, days);
    m.timeseries.forEach((ts: unknown, k: number) => {
      const tp = `${p}/timeseries/${k}`;
      if (!isObject(ts) || !Array.isArray(ts.data)) return err(`${tp}/data`, 'an array of data points', isObject(ts) ? ts.data : ts, fix);
      const seen = new Set<number>();
      ts.data.forEach((d: unknown, j: number) => {
        const dp = `${tp}/data/${j}`;
        if (!isObject(d)) return err(dp, 'a data point object', d, fix);
        const t = typeof d.timeStamp === 'string' && ISO_TIME.test(d.timeStamp) ? Date.parse(d.timeStamp) : NaN;
        if (!Number.isFinite(t)) return err(`${dp}/timeStamp`, 'an ISO-8601 time with a 4-digit year (2026-01-05T00:00:00Z)', d.timeStamp, fix);
        const day = Math.floor(t / DAY_MS);
        if (seen.has(day)) return err(`${dp}/timeStamp`, 'one data point per day (--interval P1D)', d.timeStamp, `export daily points: ${METRICS_COMMAND}`);
        seen.add(day);
        const v = d[agg];
        if (v === undefined || v === null) {
          if (metric === 'StorageUsed' && d.average === undefined && typeof d.total === 'number') {
            err(`${dp}/average`, 'the Average aggregation of StorageUsed (bytes held that day)', d.total, 'export with --aggregation Total Average: a total of hourly samples is not the bytes held');
          }
          return;
        }
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return err(`${dp}/${agg}`, 'a number of at least 0', v, fix);
        const list = days.get(day) ?? [];
        list.push(v);
        days.set(day, list);
      });
    });
  });
  for (const required of ['StorageUsed', 'SuccessfulPushCount'] as const) {
    if (!series.has(required)) err('/value', `a list holding the ${required} metric`, data.value.map((m: unknown) => (isObject(m) && isObject(m.name) ? m.name.value : m)), `add it: ${METRICS_COMMAND}`);
  }
  if (errors.length) throw new InputErrors(errors);
  // A loop, not Math.min(...): an export may hold more points than a call takes arguments.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const m of series.values()) {
    for (const day of m.keys()) {
      if (day < first) first = day;
      if (day > last) last = day;
    }
  }
  if (first > last) {
    throw new InputErrors([new InputError({ file, pointer: '/value' }, `/value must hold daily data points with values, got none: export a timespan with activity, e.g. --offset 90d.`)]);
  }
  const n = last - first + 1;
  if (n > MAX_METRIC_DAYS) {
    throw new InputErrors([new InputError({ file, pointer: '/value' }, `/value must span at most ${MAX_METRIC_DAYS} days, got ${n}: export a shorter timespan.`)]);
  }
  const column = (metric: MetricName, combine: (xs: number[]) => number): Array<number | null> => {
    const m = series.get(metric);
    return Array.from({ length: n }, (_, k) => {
      const xs = m?.get(first + k);
      return xs && xs.length ? combine(xs) : null;
    });
  };
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const max = (xs: number[]): number => xs.reduce((a, b) => (b > a ? b : a), 0);
  const pullMetric = series.has('SuccessfulPullCount') ? 'SuccessfulPullCount' : series.has('TotalPullCount') ? 'TotalPullCount' : null;
  const region = typeof data.resourceregion === 'string' ? data.resourceregion : undefined;
  return {
    days: Array.from({ length: n }, (_, k) => new Date((first + k) * DAY_MS).toISOString().slice(0, 10)),
    // 1970-01-01 was a Thursday (Monday = 0).
    firstWeekday: (((first + 3) % 7) + 7) % 7,
    storageBytes: column('StorageUsed', max),
    pushes: column('SuccessfulPushCount', sum),
    pulls: pullMetric ? column(pullMetric, sum) : null,
    pullMetric,
    ...(registry ? { registry } : {}),
    ...(region ? { region } : {}),
  };
}
