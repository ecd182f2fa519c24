/**
 * Fits a registry's workload to its metrics history (metrics.ts): pushes per day and their
 * weekly shape, pulls per day and their weekly shape, and the new bytes each push stores, then
 * replays the fitted model next to the history with a goodness-of-fit figure.
 *
 * Storage model (what the simulator does with each push): a push stores its new layers, `b`
 * bytes on average. With unique tags, or with retention off, nothing a push stores goes away, so
 * `stored(t) = S0 + b * (pushes up to day t)`. With mutable tags and retention of R days, a
 * re-push untags the previous manifest, which retention deletes R days later, so only the pushes
 * of the last R days hold bytes beyond the tagged content: `stored(t) = S0 + b * (pushes in the R
 * days up to t)`. S0 and b are fitted by least squares; purges are not modelled (a purge shows as
 * storage that falls while pushes go on, and is reported).
 */
import { AcrkitError } from '../../errors.js';
import type { MetricsHistory } from './metrics.js';

/** Options of {@link fitWorkload}. */
export interface CalibrationOptions {
  /**
   * The registry's retention days for untagged manifests (0 = off).
   * @default 0
   */
  readonly retentionDays?: number;
  /**
   * The tag strategy of the registry's pushes: `mutable` (re-pushes move a tag, e.g. `latest`)
   * or `unique` (every push a new tag, e.g. `build-123`).
   * @default 'unique'
   */
  readonly tags?: 'mutable' | 'unique';
}

/** Fewest days of push counts a fit needs. */
export const MIN_FIT_DAYS = 7;

/** Goodness of fit of the replayed history against the observed one. */
export interface FitQuality {
  /** Coefficient of determination of the replayed storage (1 = exact). */
  readonly storageR2: number;
  /** Mean absolute percentage error of the replayed storage. */
  readonly storageMape: number;
  /** Coefficient of determination of the replayed daily pushes. */
  readonly pushesR2: number;
  /** Mean absolute percentage error of the replayed daily pushes (days with pushes). */
  readonly pushesMape: number;
}

/** One day of the replay: observed (null = no data) and fitted. */
export interface ReplayDay {
  /** UTC date. */
  readonly date: string;
  /** Observed stored bytes. */
  readonly storageBytes: number | null;
  /** Replayed stored bytes. */
  readonly storageFit: number;
  /** Observed pushes. */
  readonly pushes: number | null;
  /** Replayed (expected) pushes. */
  readonly pushesFit: number;
  /** Observed pulls. */
  readonly pulls: number | null;
  /** Replayed (expected) pulls, null when the export has no pull counts. */
  readonly pullsFit: number | null;
}

/** What a calibration found. */
export interface CalibrationFit {
  /** First observed day. */
  readonly from: string;
  /** Last observed day. */
  readonly to: string;
  /** Days observed. */
  readonly days: number;
  /** Mean pushes per day. */
  readonly pushesPerDay: number;
  /** Monday..Sunday weights of pushes, mean 1. */
  readonly pushWeekly: readonly number[];
  /** Mean pulls per day (null when the export has no pull counts). */
  readonly pullsPerDay: number | null;
  /** Monday..Sunday weights of pulls, mean 1 (null without pull counts). */
  readonly pullWeekly: readonly number[] | null;
  /** The pull metric used. */
  readonly pullMetric: MetricsHistory['pullMetric'];
  /** New bytes stored per push. */
  readonly newBytesPerPush: number;
  /** Fitted bytes that pushes do not explain (the tagged content held throughout). */
  readonly baseBytes: number;
  /** Last observed stored bytes. */
  readonly storedBytesAtEnd: number;
  /** Untagged bytes at the end that retention will delete (mutable tags with retention), else 0. */
  readonly untaggedBytesAtEnd: number;
  /** Storage model used. */
  readonly model: 'cumulative' | 'retention-window';
  /** Retention days assumed. */
  readonly retentionDays: number;
  /** Tag strategy assumed. */
  readonly tags: 'mutable' | 'unique';
  /** Goodness of fit. */
  readonly quality: FitQuality;
  /** The replay, day by day. */
  readonly replay: readonly ReplayDay[];
  /** What the fit had to assume or noticed. */
  readonly notes: readonly string[];
  /**
   * Registry name from the export.
   * @default - not in the export
   */
  readonly registry?: string;
  /**
   * Region from the export.
   * @default - not in the export
   */
  readonly region?: string;
}

/**
 * A fit that the data cannot support (too few days): bad input (exit 2), at `/value` of the
 * export. The workflow adds the file and the fix.
 */
export class CalibrationDataError extends AcrkitError {
  override name = 'CalibrationDataError' as const;
  /** Where in the export the problem is. */
  readonly pointer = '/value';
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Monday..Sunday means of `values` over `mu` (1 where a weekday has no data), normalized to mean 1. */
function weekly(values: ReadonlyArray<number | null>, firstWeekday: number): number[] {
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  values.forEach((v, k) => {
    if (v === null) return;
    const w = (firstWeekday + k) % 7;
    sums[w]! += v;
    counts[w]!++;
  });
  const per = sums.map((s, w) => (counts[w] ? s / counts[w]! : Number.NaN));
  const known = per.filter((x) => !Number.isNaN(x));
  const mu = mean(known);
  if (!(mu > 0)) return [1, 1, 1, 1, 1, 1, 1];
  const raw = per.map((x) => (Number.isNaN(x) ? 1 : x / mu));
  const m = mean(raw);
  return raw.map((x) => x / m);
}

/** R^2 and MAPE of `fit` against `obs` (days where `obs` is known; MAPE over obs > 0). */
function quality(obs: ReadonlyArray<number | null>, fit: readonly number[]): { r2: number; mape: number } {
  const pairs = obs.map((o, k) => [o, fit[k]!] as const).filter((p): p is readonly [number, number] => p[0] !== null);
  const m = mean(pairs.map((p) => p[0]));
  let ssRes = 0;
  let ssTot = 0;
  let ape = 0;
  let n = 0;
  for (const [o, f] of pairs) {
    ssRes += (o - f) ** 2;
    ssTot += (o - m) ** 2;
    if (o > 0) {
      ape += Math.abs(f - o) / o;
      n++;
    }
  }
  return { r2: ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0, mape: n ? ape / n : 0 };
}

/** The exposure of each day: pushes up to it, or in the `window` days up to it. */
function exposure(pushes: readonly number[], window: number): number[] {
  const out: number[] = [];
  let acc = 0;
  pushes.forEach((p, k) => {
    acc += p;
    if (window > 0 && k >= window) acc -= pushes[k - window]!;
    out.push(acc);
  });
  return out;
}

/** Fits the workload to a metrics history. Throws {@link CalibrationDataError} when the data cannot support a fit. */
export function fitWorkload(h: MetricsHistory, options: CalibrationOptions = {}): CalibrationFit {
  const retentionDays = options.retentionDays ?? 0;
  const tags = options.tags ?? 'unique';
  const notes: string[] = [];
  const pushDays = h.pushes.filter((v): v is number => v !== null);
  if (pushDays.length < MIN_FIT_DAYS) throw new CalibrationDataError(`SuccessfulPushCount must have at least ${MIN_FIT_DAYS} days with data, got ${pushDays.length}`);
  const storageDays = h.storageBytes.filter((v): v is number => v !== null).length;
  if (storageDays < 2) throw new CalibrationDataError(`StorageUsed must have at least 2 days with data, got ${storageDays}`);
  const wd = (k: number): number => (h.firstWeekday + k) % 7;

  const pushesPerDay = mean(pushDays);
  const pushWeekly = weekly(h.pushes, h.firstWeekday);
  const pushesFit = h.days.map((_, k) => pushesPerDay * pushWeekly[wd(k)]!);
  const missing = h.pushes.filter((v) => v === null).length;
  if (missing) notes.push(`${missing} of ${h.days.length} days have no push count; the fit uses the fitted mean for them`);

  let pullsPerDay: number | null = null;
  let pullWeekly: number[] | null = null;
  if (h.pulls) {
    const known = h.pulls.filter((v): v is number => v !== null);
    if (known.length) {
      pullsPerDay = mean(known);
      pullWeekly = weekly(h.pulls, h.firstWeekday);
    }
  }
  if (pullsPerDay === null) notes.push('the export has no pull counts (SuccessfulPullCount or TotalPullCount); pulls keep the preset');
  else if (h.pullMetric === 'TotalPullCount') notes.push('pulls are fitted from TotalPullCount (failed pulls included): the export has no SuccessfulPullCount');

  const window = tags === 'mutable' && retentionDays > 0 ? retentionDays : 0;
  const model = window > 0 ? 'retention-window' : 'cumulative';
  if (tags === 'unique' && retentionDays > 0) notes.push('retention deletes only untagged manifests: with unique tags nothing is untagged, so retention does not change the fit');
  const observedPushes = h.pushes.map((v, k) => v ?? pushesFit[k]!);
  const x = exposure(observedPushes, window);
  const pts = h.storageBytes.map((s, k) => [x[k]!, s] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  const mx = mean(pts.map((p) => p[0]));
  const my = mean(pts.map((p) => p[1]));
  let sxx = 0;
  let sxy = 0;
  for (const [a, b] of pts) {
    sxx += (a - mx) ** 2;
    sxy += (a - mx) * (b - my);
  }
  let b = sxx > 0 ? sxy / sxx : 0;
  if (b < 0) {
    notes.push('storage falls while pushes go on: something deletes (a purge task or retention not given); new bytes per push set to 0. Pass --retention-days and --tags if retention is on');
    b = 0;
  }
  const base = my - b * mx;
  if (base < 0) notes.push('the fitted base content is below zero: the storage grew faster early on than pushes explain (first pushes of new repositories upload whole images)');
  const xFit = exposure(pushesFit, window);
  const storageFit = xFit.map((v) => Math.max(0, base + b * v));
  const sq = quality(h.storageBytes, storageFit);
  const pq = quality(h.pushes, pushesFit);
  const pullsFit = pullsPerDay === null ? null : h.days.map((_, k) => pullsPerDay! * pullWeekly![wd(k)]!);
  const lastStored = [...h.storageBytes].reverse().find((v): v is number => v !== null)!;
  // What the model holds beyond the base content at the end is untagged (retention will delete it).
  const untaggedAtEnd = window > 0 ? Math.min(lastStored, Math.max(0, lastStored - Math.max(0, base))) : 0;
  return {
    from: h.days[0]!,
    to: h.days[h.days.length - 1]!,
    days: h.days.length,
    pushesPerDay,
    pushWeekly,
    pullsPerDay,
    pullWeekly,
    pullMetric: h.pullMetric,
    newBytesPerPush: b,
    baseBytes: base,
    storedBytesAtEnd: lastStored,
    untaggedBytesAtEnd: untaggedAtEnd,
    model,
    retentionDays,
    tags,
    quality: { storageR2: sq.r2, storageMape: sq.mape, pushesR2: pq.r2, pushesMape: pq.mape },
    replay: h.days.map((date, k) => ({
      date,
      storageBytes: h.storageBytes[k] ?? null,
      storageFit: storageFit[k]!,
      pushes: h.pushes[k] ?? null,
      pushesFit: pushesFit[k]!,
      pulls: h.pulls?.[k] ?? null,
      pullsFit: pullsFit?.[k] ?? null,
    })),
    notes,
    ...(h.registry ? { registry: h.registry } : {}),
    ...(h.region ? { region: h.region } : {}),
  };
}
