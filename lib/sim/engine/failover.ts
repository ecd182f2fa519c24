/**
 * Routing, failover, availability and request-rate throttling, computed analytically per day
 * from piecewise-constant request rates (no per-request work).
 *
 * - Clients in a region use the nearest routable replica (great-circle distance from catalog
 *   coordinates; the home region is a replica).
 * - When that replica fails, its clients fail for the failover delay, then move to the next
 *   nearest healthy replica; a replica excluded from routing loses its clients at once.
 * - In a zone outage of an availability-zone region, clients stay and fail for the zone downtime;
 *   in a region without zones it is a region outage.
 * - Rate limits apply per replica: survivors take the failed replica's requests.
 * - Demand: a peak window of `peak.minutes` a day at `peakToMean` times the mean rate, the rest
 *   at the rate that keeps the daily total; every client region peaks at the same UTC time.
 */
import { distanceKm, findRegion } from '../../catalog/regions.js';
import type { SimRegionEvent } from '../scenario/model.js';

/** A replica (or the home region) in routing order data. */
export interface RouteReplica {
  /** Canonical region. */
  readonly region: string;
  /** Whether the global endpoint routes to it (before events). */
  readonly routing: boolean;
}

/** A down or excluded window for one replica region, within the registry. */
export interface ReplicaWindow {
  /** Event index. */
  readonly event: number;
  /** Region. */
  readonly region: string;
  /** Start minute. */
  readonly start: number;
  /** End minute. */
  readonly end: number;
  /** 'down': fails (clients wait `delay` then move); 'excluded': not routed to, clients move at once. */
  readonly mode: 'down' | 'excluded';
  /** Minutes clients keep trying the failed replica before moving (Infinity: they never move). */
  readonly delay: number;
}

/** Turns region events into replica windows for a registry with these replica regions. */
export function replicaWindows(
  events: readonly SimRegionEvent[],
  regions: readonly string[],
  delayMinutes: number,
  zoneDowntimeMinutes: number,
): ReplicaWindow[] {
  const out: ReplicaWindow[] = [];
  for (const e of events) {
    if (!regions.includes(e.region)) continue;
    if (e.kind === 'replica-routing-disabled') {
      out.push({ event: e.index, region: e.region, start: e.startMinute, end: e.endMinute, mode: 'excluded', delay: 0 });
    } else if (e.kind === 'zone-outage' && findRegion(e.region)?.availabilityZones) {
      const end = Math.min(e.endMinute, e.startMinute + zoneDowntimeMinutes);
      out.push({ event: e.index, region: e.region, start: e.startMinute, end, mode: 'down', delay: Number.POSITIVE_INFINITY });
    } else {
      out.push({ event: e.index, region: e.region, start: e.startMinute, end: e.endMinute, mode: 'down', delay: delayMinutes });
    }
  }
  return out;
}

/** Whether the region is down (region outage, or zone outage of a region without zones) at minute t. */
export function regionDown(windows: readonly ReplicaWindow[], region: string, t: number): ReplicaWindow | undefined {
  return windows.find((w) => w.mode === 'down' && w.region === region && w.start <= t && t < w.end && w.delay !== Number.POSITIVE_INFINITY);
}

/** Replicas ordered by distance, per client region. */
export class RoutingTable {
  /** Client regions. */
  readonly clients: readonly string[];
  /** For each client, replica indices nearest first (ties by name). */
  readonly order: ReadonlyArray<readonly number[]>;

  constructor(
    /** Replicas, home first. */
    readonly replicas: readonly RouteReplica[],
    clients: readonly string[],
  ) {
    this.clients = clients;
    this.order = clients.map((c) => {
      const cf = findRegion(c)!;
      return replicas
        .map((r, i) => ({ i, d: distanceKm(cf, findRegion(r.region)!), n: r.region }))
        .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0))
        .map((x) => x.i);
    });
  }

  /**
   * The replica serving client `c` at minute `t`, or -1 when its requests fail. The client walks
   * its replicas nearest first: a routable healthy one serves; a failed one that failed less than
   * its window's delay ago still holds the client (requests fail); otherwise it moves on. When
   * outages of a region overlap, it failed when the earliest of them began.
   */
  serve(c: number, t: number, windows: readonly ReplicaWindow[]): number {
    const order = this.order[c]!;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const r = this.replicas[i]!;
      if (!r.routing) continue;
      let excluded = false;
      let down: ReplicaWindow | undefined;
      for (let j = 0; j < windows.length; j++) {
        const w = windows[j]!;
        if (w.region !== r.region || t < w.start || t >= w.end) continue;
        if (w.mode === 'excluded') excluded = true;
        // Overlapping outages of one region: clients left when the earliest began.
        else if (!down || w.start < down.start) down = w;
      }
      if (excluded) continue;
      if (!down) return i;
      if (t - down.start < down.delay) return -1;
    }
    return -1;
  }
}

/** Rate profile of one day: the peak window and the rate outside it, relative to the daily mean. */
export interface Profile {
  /** Peak window start minute of the day. */
  readonly peakStart: number;
  /** Peak window length, minutes. */
  readonly peakMinutes: number;
}

/** Rate multiplier (over the daily mean) at minute-of-day `m`. */
export function rateFactor(p: Profile, peakToMean: number, m: number): number {
  const inPeak = ((m - p.peakStart + 1440) % 1440) < p.peakMinutes;
  if (inPeak) return peakToMean;
  return (1440 - peakToMean * p.peakMinutes) / (1440 - p.peakMinutes);
}

/**
 * Share of a day's volume (requests at the rate profile `p` with `peakToMean`) that falls
 * between minutes-of-day `from` and `to` (0 <= from <= to <= 1440): the integral of
 * {@link rateFactor} over them, over 1440.
 */
export function volumeShare(p: Profile, peakToMean: number, from: number, to: number): number {
  const off = rateFactor(p, peakToMean, p.peakStart + p.peakMinutes); // rate outside the peak
  // Minutes of the peak window (which may wrap past midnight) inside [from, to).
  const overlap = (a: number, b: number): number => Math.max(0, Math.min(b, to) - Math.max(a, from));
  const start = p.peakStart;
  const end = start + p.peakMinutes;
  const peak = overlap(start, end) + overlap(start - 1440, end - 1440);
  return (peak * peakToMean + (to - from - peak) * off) / 1440;
}

/** One day's demand for a registry. */
export interface DayDemand {
  /** Pulls that day. */
  readonly pulls: number;
  /** Pushes that day. */
  readonly pushes: number;
  /** Read requests per pull. */
  readonly readsPerPull: number;
  /** Read requests per push. */
  readonly readsPerPush: number;
  /** Write requests per push. */
  readonly writesPerPush: number;
  /** Pull peak-to-mean. */
  readonly pullPeak: number;
  /** Push peak-to-mean. */
  readonly pushPeak: number;
  /** Pull shares by client index (same order as the routing table's clients). */
  readonly pullShare: readonly number[];
  /** Push shares by client index. */
  readonly pushShare: readonly number[];
}

/** Accumulated pull and push counts for availability. */
export interface PullTally {
  /** Pulls demanded, by client index. */
  readonly total: Float64Array;
  /** Pulls failed, by client index. */
  readonly failed: Float64Array;
  /** Pushes attempted, by client index. */
  readonly pushTotal: Float64Array;
  /** Pushes failed (their client had no replica to reach), by client index. */
  readonly pushFailed: Float64Array;
}

/** An empty {@link PullTally} for `clients` client regions. */
export function emptyTally(clients: number): PullTally {
  return { total: new Float64Array(clients), failed: new Float64Array(clients), pushTotal: new Float64Array(clients), pushFailed: new Float64Array(clients) };
}

/** What one day's evaluation adds up. */
export interface DayLoad {
  /** Minutes in which some replica's read or write demand exceeded its limit. */
  throttledMinutes: number;
  /** Requests over the limits. */
  throttledRequests: number;
}

/** An event's whole span, over which its availability is measured. */
export interface EventSpan {
  /** Event index. */
  readonly event: number;
  /** Start minute. */
  readonly start: number;
  /** End minute (exclusive). */
  readonly end: number;
  /** Where its pulls are counted. */
  readonly tally: PullTally;
}

/** Read and write request limits of one replica, requests per minute. */
export interface RateLimits {
  /** Read requests per minute. */
  readonly read: number;
  /** Write requests per minute. */
  readonly write: number;
}

/**
 * What {@link exposedPushes} reads of a registry's day: the routing in force, the replica windows,
 * the day's demand and its peak window.
 */
export interface RoutingContext {
  /** Replicas and client regions in routing order, as the settings in force have them. */
  readonly table: RoutingTable;
  /** Down and excluded windows of the registry's regions over the whole run. */
  readonly windows: readonly ReplicaWindow[];
  /** The day's demand (pushes, peak-to-mean ratios, client shares). */
  readonly demand: DayDemand;
  /** The daily peak window. */
  readonly profile: Profile;
}

/**
 * What {@link evaluateDay} reads and adds up for one registry's day: the routing context, the
 * tier's rate limits, and where availability and throttling accumulate. A registry run holds one
 * and updates it as it goes (the routing on a configuration change, the demand every day).
 */
export interface DayContext extends RoutingContext {
  /** Request limits per replica of the tier in force. */
  readonly limits: RateLimits;
  /** Pulls over the whole run, for availability. */
  readonly tally: PullTally;
  /** Outage spans, each counting the pulls inside it in its own tally. */
  readonly spans: readonly EventSpan[];
  /** Where throttling adds up. */
  readonly load: DayLoad;
}

/**
 * Adds minute `x` to the sorted, duplicate-free cuts `times[0..n)` if it lies strictly inside
 * (`lo`, `hi`); returns the new count.
 */
function addCut(times: Float64Array, n: number, x: number, lo: number, hi: number): number {
  if (!(x > lo && x < hi)) return n;
  let i = n;
  while (i > 0 && times[i - 1]! > x) i--;
  if (i > 0 && times[i - 1] === x) return n;
  times.copyWithin(i + 1, i, n);
  times[i] = x;
  return n + 1;
}

/**
 * Evaluates `day` of `ctx` (absolute minutes `day*1440` to the next day, or only `from` to `to`
 * within it, when settings or demand change part-way): pull and push availability into
 * `ctx.tally` (and into each event span's tally for the part inside it), throttling into `ctx.load`.
 *
 * The day is cut where anything changes (peak window edges, outage starts and ends, the end of a
 * failover delay, event spans); rates are constant within a piece. Written with plain loops over
 * typed arrays: it runs once a day of every run, and simple code is quick for V8 to optimize in
 * each Monte Carlo worker (minutes as float64 from the start spare it re-optimizing when the first
 * fractional minute arrives).
 */
export function evaluateDay(ctx: DayContext, day: number, from = day * 1440, to = day * 1440 + 1440): void {
  const { table, windows, demand, profile, limits, tally, spans, load } = ctx;
  const d0 = from;
  const d1 = to;
  const dayStart = day * 1440;
  const active: ReplicaWindow[] = [];
  for (let k = 0; k < windows.length; k++) if (windows[k]!.start < d1 && windows[k]!.end > d0) active.push(windows[k]!);
  const activeSpans: EventSpan[] = [];
  for (let k = 0; k < spans.length; k++) if (spans[k]!.start < d1 && spans[k]!.end > d0) activeSpans.push(spans[k]!);
  const times = new Float64Array(6 + 3 * active.length + 2 * activeSpans.length);
  times[0] = d0;
  times[1] = d1;
  let cuts = 2;
  const ps = dayStart + profile.peakStart;
  cuts = addCut(times, cuts, ps, d0, d1);
  cuts = addCut(times, cuts, ps + profile.peakMinutes, d0, d1);
  cuts = addCut(times, cuts, ps - 1440, d0, d1);
  cuts = addCut(times, cuts, ps - 1440 + profile.peakMinutes, d0, d1);
  for (let k = 0; k < active.length; k++) {
    const w = active[k]!;
    cuts = addCut(times, cuts, w.start, d0, d1);
    cuts = addCut(times, cuts, w.end, d0, d1);
    cuts = addCut(times, cuts, w.start + w.delay, d0, d1);
  }
  for (let k = 0; k < activeSpans.length; k++) {
    cuts = addCut(times, cuts, activeSpans[k]!.start, d0, d1);
    cuts = addCut(times, cuts, activeSpans[k]!.end, d0, d1);
  }
  const n = table.replicas.length;
  const clients = table.clients.length;
  const reads = new Float64Array(n);
  const writes = new Float64Array(n);
  const inside: EventSpan[] = [];
  const pullMean = demand.pulls / 1440;
  const pushMean = demand.pushes / 1440;
  for (let k = 0; k + 1 < cuts; k++) {
    const a = times[k]!;
    const b = times[k + 1]!;
    const mid = (a + b) / 2;
    const len = b - a;
    const pullRate = pullMean * rateFactor(profile, demand.pullPeak, mid - dayStart);
    const pushRate = pushMean * rateFactor(profile, demand.pushPeak, mid - dayStart);
    reads.fill(0);
    writes.fill(0);
    inside.length = 0;
    for (let e = 0; e < activeSpans.length; e++) if (activeSpans[e]!.start <= mid && mid < activeSpans[e]!.end) inside.push(activeSpans[e]!);
    for (let c = 0; c < clients; c++) {
      const i = table.serve(c, mid, active);
      const pulls = pullRate * demand.pullShare[c]! * len;
      const pushes = pushRate * demand.pushShare[c]!;
      const pushed = pushes * len;
      tally.total[c]! += pulls;
      tally.pushTotal[c]! += pushed;
      for (let e = 0; e < inside.length; e++) {
        inside[e]!.tally.total[c]! += pulls;
        inside[e]!.tally.pushTotal[c]! += pushed;
      }
      if (i < 0) {
        tally.failed[c]! += pulls;
        tally.pushFailed[c]! += pushed;
        for (let e = 0; e < inside.length; e++) {
          inside[e]!.tally.failed[c]! += pulls;
          inside[e]!.tally.pushFailed[c]! += pushed;
        }
        continue;
      }
      reads[i]! += pullRate * demand.pullShare[c]! * demand.readsPerPull + pushes * demand.readsPerPush;
      writes[i]! += pushes * demand.writesPerPush;
    }
    let over = false;
    for (let i = 0; i < n; i++) {
      const xr = reads[i]! - limits.read;
      const xw = writes[i]! - limits.write;
      if (xr > 0) load.throttledRequests += xr * len;
      if (xw > 0) load.throttledRequests += xw * len;
      if (xr > 0 || xw > 0) over = true;
    }
    if (over) load.throttledMinutes += len;
  }
}

/**
 * Expected manifests pushed to `region`'s replica in [start - lag, start): writes not yet
 * replicated when it fails at minute `start`. Uses the routing of `ctx` just before the outage and
 * that day's push rate, peak and client shares.
 */
export function exposedPushes(ctx: RoutingContext, region: string, start: number, lag: number): number {
  const { table, windows, profile } = ctx;
  const { pushes: pushesPerDay, pushPeak, pushShare } = ctx.demand;
  const idx = table.replicas.findIndex((r) => r.region === region);
  if (idx < 0 || lag <= 0) return 0;
  const before = windows.filter((w) => w.start < start);
  let total = 0;
  const steps = Math.max(1, Math.ceil(lag));
  const dt = lag / steps;
  for (let s = 0; s < steps; s++) {
    const t = start - lag + (s + 0.5) * dt;
    const rate = (pushesPerDay / 1440) * rateFactor(profile, pushPeak, (((t % 1440) + 1440) % 1440));
    for (let c = 0; c < table.clients.length; c++) {
      if (table.serve(c, t, before) === idx) total += rate * pushShare[c]! * dt;
    }
  }
  return total;
}
