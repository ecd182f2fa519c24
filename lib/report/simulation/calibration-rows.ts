/**
 * The rows of a calibration report, shared by the text and Markdown rendering
 * (calibration.ts) and the HTML page (calibration-html.ts).
 */
import { formatBytes } from '../../format/numbers.js';
import { sampleIndices } from '../html/charts.js';
import type { CalibrationFit } from '../../sim/calibrate/fit.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A number with up to `digits` decimals, grouped (`1,234.5`). */
function n(v: number, digits = 1): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Monday..Sunday weights as `Mon 1.30, Tue 1.20, ...`. */
export function weeklyText(w: readonly number[]): string {
  return w.map((x, i) => `${WEEKDAYS[i]} ${x.toFixed(2)}`).join(', ');
}

/** A share as a percentage with one decimal. */
export function pct1(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/** Headers of {@link parameterRows}. */
export const PARAMETER_HEADERS = ['Parameter', 'Fitted', 'From'];

/** The fitted parameters, one row each, with the metric each came from. */
export function parameterRows(fit: CalibrationFit): string[][] {
  const rows = [
    ['Pushes per day', n(fit.pushesPerDay), 'SuccessfulPushCount (mean of the days)'],
    ['Weekly shape of pushes', weeklyText(fit.pushWeekly), 'SuccessfulPushCount by weekday, mean 1'],
    ['New bytes per push', formatBytes(fit.newBytesPerPush), `StorageUsed against pushes (${fit.model === 'cumulative' ? 'all pushes so far' : `pushes of the last ${fit.retentionDays} days`}), least squares`],
    ['Base content', formatBytes(Math.max(0, fit.baseBytes)), 'StorageUsed that pushes do not explain'],
    ['Stored on the last day', formatBytes(fit.storedBytesAtEnd), 'StorageUsed'],
  ];
  if (fit.pullsPerDay !== null) {
    rows.push(['Pulls per day', n(fit.pullsPerDay), `${fit.pullMetric} (mean of the days)`], ['Weekly shape of pulls', weeklyText(fit.pullWeekly!), `${fit.pullMetric} by weekday, mean 1`]);
  }
  return rows;
}

/** The goodness of fit in one sentence. */
export function qualityText(fit: CalibrationFit): string {
  const q = fit.quality;
  return `Goodness of fit of the replayed history: storage R^2 ${q.storageR2.toFixed(3)} (MAPE ${pct1(q.storageMape)}), daily pushes R^2 ${q.pushesR2.toFixed(3)} (MAPE ${pct1(q.pushesMape)}).`;
}

/** Headers of {@link replayRows}. */
export function replayHeaders(fit: CalibrationFit): string[] {
  return ['Day', 'Stored (observed)', 'Stored (replayed)', 'Pushes (observed)', 'Pushes (replayed)', ...(fit.pullsPerDay !== null ? ['Pulls (observed)', 'Pulls (replayed)'] : [])];
}

/** The replay next to the history, at most `max` days evenly spread (first and last included). */
export function replayRows(fit: CalibrationFit, max = 15): string[][] {
  const obs = (v: number | null, f: (x: number) => string): string => (v === null ? '-' : f(v));
  return sampleIndices(fit.replay.length, max).map((k) => {
    const d = fit.replay[k]!;
    return [
      d.date,
      obs(d.storageBytes, formatBytes),
      formatBytes(d.storageFit),
      obs(d.pushes, (x) => n(x, 0)),
      n(d.pushesFit),
      ...(fit.pullsPerDay !== null ? [obs(d.pulls, (x) => n(x, 0)), n(d.pullsFit ?? 0)] : []),
    ];
  });
}
