/**
 * A review's storage forecast in words: when each side goes over its included storage and
 * hits the storage limit, from which day base and head part, and how far apart they end. The
 * same sentence sits under the chart in Markdown, HTML and text, so the difference is never
 * only in a picture.
 */
import type { ForecastDelta, ForecastStorage } from '../../review/review-types.js';

/**
 * Base and head differ on a day when they are further apart than this share of the larger
 * value (or than {@link SAME_FLOOR_GIB}, whichever is more).
 */
export const SAME_SHARE = 0.01;

/**
 * A forecast chart draws included storage and the limit only when at most this many times its
 * peak: the chart is there to show base and head apart, which a rule far above squashes into
 * the axis (the caption and the sentence under the chart name what is left out).
 */
export const FORECAST_REFERENCE_MAX_RATIO = 5;

/** Differences below this many GiB are noise, whatever the share. */
export const SAME_FLOOR_GIB = 0.01;

/** Whether two stored values are the same for a reader (within 1%, or 0.01 GiB). */
export function sameStored(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(SAME_FLOOR_GIB, SAME_SHARE * Math.max(Math.abs(a), Math.abs(b)));
}

/** The first day base and head differ, or null when they never do (or a side is absent). */
export function partDay(f: Pick<ForecastDelta, 'base' | 'head'>): number | null {
  if (!f.base || !f.head) return null;
  const n = Math.min(f.base.length, f.head.length);
  for (let d = 0; d < n; d++) if (!sameStored(f.base[d]!, f.head[d]!)) return d;
  return null;
}

/** A size in GiB as a reader says it: `8.25 GiB`, `12.3 GiB`, `100 GiB`, `40 TiB`. */
export function sizeText(gib: number): string {
  if (gib >= 1024) return `${Number((gib / 1024).toFixed(1))} TiB`;
  const digits = gib >= 100 ? 0 : gib >= 10 ? 1 : 2;
  return `${Number(gib.toFixed(digits))} GiB`;
}

function dayText(day: number, horizonDays: number): string {
  return day >= horizonDays ? `day ${day.toLocaleString('en-US')} (extrapolated)` : `day ${day}`;
}

type Side = 'base' | 'head';

interface Threshold {
  readonly what: string;
  readonly over: string;
  readonly under: string;
  readonly gib: (s: ForecastStorage) => number;
  readonly day: (s: ForecastStorage) => number | null;
  readonly never: string;
}

const INCLUDED: Threshold = {
  what: 'included storage',
  over: 'goes over',
  under: 'stays under',
  gib: (s) => s.includedGiB,
  day: (s) => s.includedDay,
  never: 'for all',
};

const LIMIT: Threshold = {
  what: 'storage limit',
  over: 'hits',
  under: 'stays under',
  gib: (s) => s.limitGiB,
  day: (s) => s.limitDay,
  never: 'within ten years of',
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One threshold on one side: "goes over the included storage (10 GiB) on day 8". */
function oneSide(t: Threshold, s: ForecastStorage, horizonDays: number, own: boolean): string {
  const day = t.day(s);
  const what = `${own ? 'its' : 'the'} ${t.what} (${sizeText(t.gib(s))})`;
  if (day === null) return t === LIMIT ? `never hits ${what} within ten years` : `${t.under} ${what} for all ${horizonDays} days`;
  return `${t.over} ${what} on ${dayText(day, horizonDays)}`;
}

/** One threshold on both sides, in one sentence. */
function bothSides(t: Threshold, b: ForecastStorage, h: ForecastStorage, horizonDays: number): string {
  const bd = t.day(b);
  const hd = t.day(h);
  if (t.gib(b) !== t.gib(h)) return `Head ${oneSide(t, h, horizonDays, true)}; base ${oneSide(t, b, horizonDays, true)}.`;
  const what = `the ${t.what} (${sizeText(t.gib(h))})`;
  if (bd === null && hd === null) return t === LIMIT ? `Neither side hits ${what} within ten years.` : `Neither side goes over ${what} in ${horizonDays} days.`;
  if (bd === hd) return `Both sides ${t.over === 'hits' ? 'hit' : 'go over'} ${what} on ${dayText(hd!, horizonDays)}.`;
  if (bd !== null && hd !== null) return `Head ${t.over} ${what} on ${dayText(hd, horizonDays)} instead of ${dayText(bd, horizonDays)}.`;
  return hd !== null
    ? `Head ${t.over} ${what} on ${dayText(hd, horizonDays)}; base ${t === LIMIT ? 'never within ten years' : `stays under it for all ${horizonDays} days`}.`
    : `Head ${t === LIMIT ? 'never hits it within ten years' : `stays under ${what} for all ${horizonDays} days`}; base ${t.over} it on ${dayText(bd!, horizonDays)}.`;
}

function change(b: number, h: number): string {
  const d = h - b;
  const share = b > 0 ? `, ${d >= 0 ? '+' : '-'}${Math.abs((d / b) * 100).toFixed(0)}%` : '';
  return `${d >= 0 ? '+' : '-'}${sizeText(Math.abs(d))}${share}`;
}

/**
 * The forecast of one registry in words, e.g. "Head goes over the included storage (10 GiB)
 * on day 8 instead of day 78. Neither side hits the storage limit (40 TiB) within ten years.
 * Base and head part on day 3; on day 179 head stores 41.2 GiB, base 12.5 GiB (+28.7 GiB,
 * +230%)."
 * @param f the registry's forecast
 * @param horizonDays days simulated
 */
export function forecastSentence(f: ForecastDelta, horizonDays: number): string {
  const sides = (['base', 'head'] as const).filter((s) => f[s] !== null);
  if (!sides.length) return 'Neither side has this registry: nothing to forecast.';
  const last = (s: Side): number => f[s]![f[s]!.length - 1] ?? 0;
  const lastDay = Math.max(f.base?.length ?? 0, f.head?.length ?? 0) - 1;
  const storage = f.storage;
  if (sides.length === 1) {
    const side = sides[0]!;
    const s = storage?.[side];
    const opening = side === 'head' ? 'The registry is new in head' : 'The registry is gone in head';
    const limits = s ? `: it ${oneSide(INCLUDED, s, horizonDays, true)} and ${oneSide(LIMIT, s, horizonDays, true)}` : '';
    return `${opening}${limits}. On day ${lastDay} ${side} stores ${sizeText(last(side))}.`;
  }
  const parts: string[] = [];
  if (storage?.base && storage.head) {
    parts.push(bothSides(INCLUDED, storage.base, storage.head, horizonDays), bothSides(LIMIT, storage.base, storage.head, horizonDays));
  }
  const part = partDay(f);
  const b = last('base');
  const h = last('head');
  if (part === null) parts.push(`Base and head store the same (within 1%) every day: ${sizeText(h)} on day ${lastDay}.`);
  else {
    const from = part > 0 ? `Base and head part on day ${part}; on` : 'On';
    parts.push(`${from} day ${lastDay} head stores ${sizeText(h)}, base ${sizeText(b)} (${change(b, h)}).`);
  }
  return parts.map(capital).join(' ');
}
