/**
 * The rows of a simulation's tables, shared by the text and Markdown rendering (render.ts) and
 * the HTML report (lib/report/html/html.ts): what each row says is decided here once, and each
 * rendering only chooses how a median with its range is drawn and how a tier change is marked.
 */
import { LIST_PAGE_SIZE, LISTING_PATHS } from '../../catalog/listing.js';
import { MAX_HORIZON_DAYS } from '../../sim/constants.js';
import type { CountViolation } from '../../sim/engine/limits.js';
import type { RegistrySummary, SimulationResult } from '../../sim/results/result.js';
import type { Summary } from '../../sim/results/stats.js';
import { formatBytes, minuteText, percent, usd } from '../../format/numbers.js';

/**
 * `day N` (`(extrapolated)` when flagged), `never` for null, and `beyond 10 years` for an
 * extrapolation past {@link MAX_HORIZON_DAYS} (a straight line that far says little more).
 */
export function day(v: number | null, extrapolated = false): string {
  if (v === null) return 'never';
  if (extrapolated && v > MAX_HORIZON_DAYS) return `beyond ${MAX_HORIZON_DAYS / 365} years`;
  return `day ${Math.round(v)}${extrapolated ? ' (extrapolated)' : ''}`;
}

/**
 * The median day the storage limit is hit: {@link day}, or `beyond 10 years` when no run hits it
 * within the horizon and some run would only after ten years (its day is null, not extrapolated).
 */
export function limitDayText(g: RegistrySummary): string {
  const v = g.metrics.limitHitDay.p50;
  if (v === null && g.limitHitBeyondYears) return `beyond ${g.limitHitBeyondYears} years`;
  return day(v, g.limitHitExtrapolated);
}

/** How a rendering draws a median with its p10-p90 range, as a cell of type `C`. */
export type BandCell<C> = (s: Summary, fmt: (n: number) => string) => C;

/** A registry's tier, or `start <arrow> horizon` when a configuration change moved it. */
export function tierText(g: RegistrySummary, arrow = '->'): string {
  return g.tier === g.tierAtHorizon ? g.tier : `${g.tier} ${arrow} ${g.tierAtHorizon}`;
}

/** Options of {@link registryRow}. */
export interface RegistryRowOptions {
  /**
   * What separates the tier at the start from the tier at the horizon when a change moved it.
   * @default '->'
   */
  readonly arrow?: string;
  /**
   * Whether to include the total cost over the horizon after the maximum monthly cost.
   * @default false
   */
  readonly totalCost?: boolean;
}

/** A column of a table: its header and whether it holds numbers (right-aligned where that shows). */
export interface Column {
  /** Header text. */
  readonly header: string;
  /** Whether the cells are numbers. */
  readonly numeric: boolean;
}

/** The columns of {@link registryRow}'s cells, in order (`totalCost` as in its options). */
export function registryColumns(horizonDays: number, totalCost = false): Column[] {
  const c = (header: string, numeric = true): Column => ({ header, numeric });
  return [
    c('Registry', false),
    c('Tier', false),
    c('Stored at horizon'),
    c('Billed at horizon'),
    c('Max monthly cost (USD)'),
    ...(totalCost ? [c(`Total cost, ${horizonDays} days (USD)`)] : []),
    c('Included exceeded', false),
    c('Limit hit', false),
    c('Throttled (min)'),
  ];
}

/**
 * A registry's headline row: name, tier, stored and billed bytes at the horizon, the largest
 * monthly cost (and the total, if asked), the days the included storage and the limit are first
 * passed (medians), throttled minutes.
 */
export function registryRow<C>(g: RegistrySummary, band: BandCell<C>, options: RegistryRowOptions = {}): Array<string | C> {
  return [
    g.name,
    tierText(g, options.arrow),
    band(g.metrics.storedBytesAtHorizon, formatBytes),
    band(g.metrics.billedBytesAtHorizon, formatBytes),
    band(g.metrics.maxMonthlyCostUsd, usd),
    ...(options.totalCost ? [band(g.metrics.totalCostUsd, usd)] : []),
    day(g.metrics.firstIncludedExceededDay.p50),
    limitDayText(g),
    band(g.metrics.throttledMinutes, (n) => n.toFixed(0)),
  ];
}

/** Months shown one by one; a longer horizon shows the first, the highest and the last month. */
export const MONTHS_SHOWN = 12;

/**
 * A registry's median cost month by month (`month 1 $5.01, month 2 $5.01, ...`), or for a
 * horizon of more than {@link MONTHS_SHOWN} months the first, the highest and the last month,
 * so a tier or replica change part-way is visible, not only the highest month.
 */
export function monthlyCostText(g: RegistrySummary): string {
  const m = g.monthlyCostUsd.map((s, i) => ({ month: i + 1, usd: s.p50 ?? 0 }));
  if (m.length === 0) return 'no full month simulated';
  if (m.length <= MONTHS_SHOWN) return m.map((x) => `month ${x.month} ${usd(x.usd)}`).join(', ');
  const highest = m.reduce((a, b) => (b.usd > a.usd ? b : a));
  const last = m[m.length - 1]!;
  return `first month ${usd(m[0]!.usd)}, highest month ${highest.month} ${usd(highest.usd)}, last month ${last.month} ${usd(last.usd)}`;
}

/** The headers of {@link outageRows}. */
export const OUTAGE_HEADERS = ['Registry', 'Event', 'When', 'Pull availability by client region (p50)', 'Push availability by client region (p50)', 'Exposure (unreplicated writes, p50)'];

/** One row per outage of every registry: event, start and length, availability by client region, exposure. */
export function outageRows(r: SimulationResult): string[][] {
  return r.registries.flatMap((g) =>
    g.outages.map((o) => [
      g.name,
      `${o.kind} ${o.region}${o.home ? ' (home)' : ''}`,
      `${minuteText(o.startMinute)} for ${Math.round(o.endMinute - o.startMinute)} min`,
      Object.entries(o.availabilityByRegion)
        .map(([c, s]) => `${c} ${percent(s.p50)}`)
        .join(', ') || '-',
      pushAvailabilityText(o.pushAvailabilityByRegion, o.failedPushes),
      `${(o.exposureManifests.p50 ?? 0).toFixed(2)} manifests, ${formatBytes(o.exposureBytes.p50 ?? 0)}`,
    ])
  );
}

/** Push availability by client region with the failed pushes (`westeurope 0.000% (12.50 pushes failed)`), or `-` when nothing pushes. */
export function pushAvailabilityText(byRegion: Readonly<Record<string, Summary>> | undefined, failed: Summary | undefined): string {
  const parts = Object.entries(byRegion ?? {}).map(([c, s]) => `${c} ${percent(s.p50)}`);
  if (!parts.length) return '-';
  const n = failed?.p50 ?? 0;
  return `${parts.join(', ')}${n > 0 ? ` (${n.toFixed(2)} pushes failed)` : ''}`;
}

/** The headers of {@link blockedRows}. */
export const BLOCKED_HEADERS = ['Registry', 'Action', 'Due', 'Outcome'];

/** One row per control-plane action a home-region outage blocked: deferred (configuration) or skipped (purge). */
export function blockedRows(r: SimulationResult): string[][] {
  return r.registries.flatMap((g) =>
    g.blocked.map((b) => [
      g.name,
      b.action,
      minuteText(b.minute),
      b.deferredTo !== undefined ? `deferred to ${minuteText(b.deferredTo)}` : `skipped (${b.detail})`,
    ])
  );
}

/** A count over the tier's maximum, as a sentence fragment. */
export function violationText(v: CountViolation): string {
  return `${v.count} ${v.what} exceed the ${v.tier} maximum of ${v.limit} (from day ${v.day})`;
}

/** The headers of {@link countRows}. */
export const COUNT_HEADERS = [
  'Registry',
  'Repositories (day 0 -> horizon)',
  'Tags (day 0 -> horizon)',
  'Tags in the largest repository (most)',
  'Manifests (day 0 -> horizon)',
  'Full listing (read requests, most)',
  'Of the read limit',
];

/** A median count, with thousands separators. */
function countText(v: number | null): string {
  return Math.round(v ?? 0).toLocaleString('en-US');
}

/**
 * One row per registry with counts (medians over runs): repositories, tags and manifests on day 0
 * and at the horizon, the most tags of one repository, the read requests of one full listing
 * (catalog pages plus each repository's tag pages) and the minutes of the tier's read limit it
 * takes.
 */
export function countRows(r: SimulationResult, arrow = '->'): string[][] {
  return r.registries.flatMap((g) => {
    const c = g.counts;
    if (!c) return [];
    const span = (k: 'repositories' | 'tags' | 'manifests'): string => `${countText(c.start[k].p50)} ${arrow} ${countText(c.horizon[k].p50)}`;
    const minutes = c.listing.minutesOfReadLimit.p50 ?? 0;
    return [
      [
        g.name,
        span('repositories'),
        span('tags'),
        countText(c.max.maxTagsPerRepository.p50),
        span('manifests'),
        `${countText(c.max.listingRequests.p50)} (${c.listing.pageSize} a page)`,
        `${minutes < 0.01 ? '<0.01' : minutes.toFixed(2)} min of ${countText(c.listing.readLimitPerMinute)}/min (${c.listing.tier}, per replica)`,
      ],
    ];
  });
}

/** Count warnings of every registry, `name: warning`. */
export function countNotes(r: SimulationResult): string[] {
  return r.registries.flatMap((g) => (g.counts?.warnings ?? []).map((w) => `${g.name}: ${w}`));
}

/** How a full listing is counted, under the counts table. */
export const LISTING_NOTE = `A full listing reads the catalog (${LISTING_PATHS.catalog}) and every repository's tags (${LISTING_PATHS.tags}), ${LIST_PAGE_SIZE.value} entries a page (the Azure CLI's page size), one read request a page; the read limit is per replica and per minute.`;
