/**
 * Text, Markdown and HTML renderings of a {@link SimulationResult}; JSON is the result itself.
 */
import { markdownTable, textTable, usd } from '../cli/format.js';
import { counted } from '../counts.js';
import { MAX_HORIZON_DAYS } from './constants.js';
import { formatBytes } from './duration.js';
import type { SimulationResult } from './result.js';
import type { Summary } from './stats.js';

/** Output formats of `acrkit simulate`. */
export type SimulationFormat = 'text' | 'json' | 'markdown' | 'html';

/** Every {@link SimulationFormat}, in the order `--help` lists them. */
export const SIMULATION_FORMATS: readonly SimulationFormat[] = ['text', 'json', 'markdown', 'html'];

/**
 * Renders the result in `format`. `html` is a self-contained page with server-rendered SVG
 * charts (lib/report/html.ts, loaded only when asked for so other formats never load vega).
 */
export async function renderSimulationAs(r: SimulationResult, format: SimulationFormat): Promise<string> {
  if (format === 'json') return JSON.stringify(r, null, 2);
  if (format === 'html') {
    const { renderSimulationHtml } = await import('../report/html.js');
    return renderSimulationHtml(r);
  }
  return renderSimulation(r, format === 'markdown');
}

/**
 * `day N` (`(extrapolated)` when flagged), `never` for null, and `beyond 10 years` for an
 * extrapolation past {@link MAX_HORIZON_DAYS} (a straight line that far says little more).
 */
export function day(v: number | null, extrapolated = false): string {
  if (v === null) return 'never';
  if (extrapolated && v > MAX_HORIZON_DAYS) return `beyond ${MAX_HORIZON_DAYS / 365} years`;
  return `day ${Math.round(v)}${extrapolated ? ' (extrapolated)' : ''}`;
}

/** A simulation minute as `day D HH:MM`. */
export function minuteText(m: number): string {
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = Math.round(m % 60);
  return `day ${d} ${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** The median with its p10-p90 range (just the median when they coincide). */
export function band(s: Summary, fmt: (n: number) => string): string {
  const f = (v: number | null): string => (v === null ? 'never' : fmt(v));
  return s.p10 === s.p90 ? f(s.p50) : `${f(s.p50)} (p10 ${f(s.p10)}, p90 ${f(s.p90)})`;
}

/** Renders the result as text (`markdown` true: GitHub Markdown). */
export function renderSimulation(r: SimulationResult, markdown = false): string {
  const table = markdown ? markdownTable : textTable;
  const h = (s: string): string => (markdown ? `### ${s}` : `${s}\n${'-'.repeat(s.length)}`);
  const out: string[] = [];
  out.push(markdown ? `## acrkit simulate: ${r.scenario}` : `acrkit simulate: ${r.scenario}`);
  out.push(`${counted(r.runs, 'run')}, seed ${r.seed}, ${r.horizonDays} days. Values are medians with p10-p90 over runs.`);
  out.push('');
  out.push(
    table(
      ['Registry', 'Tier', 'Stored at horizon', 'Billed at horizon', 'Max monthly cost', 'Included exceeded', 'Limit hit', 'Throttled min'],
      r.registries.map((g) => [
        g.name,
        g.tier === g.tierAtHorizon ? g.tier : `${g.tier} -> ${g.tierAtHorizon}`,
        band(g.metrics.storedBytesAtHorizon, formatBytes),
        band(g.metrics.billedBytesAtHorizon, formatBytes),
        band(g.metrics.maxMonthlyCostUsd, usd),
        day(g.metrics.firstIncludedExceededDay.p50),
        day(g.metrics.limitHitDay.p50, g.limitHitExtrapolated),
        band(g.metrics.throttledMinutes, (n) => n.toFixed(0)),
      ]),
    ),
  );
  out.push('');
  out.push(`Fleet: max monthly cost ${band(r.fleet.maxMonthlyCostUsd, usd)}; stored at horizon ${band(r.fleet.storedBytesAtHorizon, formatBytes)}.`);
  const outageRows: string[][] = [];
  for (const g of r.registries) {
    for (const o of g.outages) {
      const worst = Object.entries(o.availabilityByRegion)
        .map(([c, s]) => `${c} ${((s.p50 ?? 0) * 100).toFixed(2)}%`)
        .join(', ');
      outageRows.push([g.name, `${o.kind} ${o.region}${o.home ? ' (home)' : ''}`, `${minuteText(o.startMinute)} for ${Math.round(o.endMinute - o.startMinute)} min`, worst, `${(o.exposureManifests.p50 ?? 0).toFixed(2)} manifests, ${formatBytes(o.exposureBytes.p50 ?? 0)}`]);
    }
  }
  if (outageRows.length) {
    out.push('', h('Outages'), table(['Registry', 'Event', 'When', 'Pull availability by client region', 'Exposure (unreplicated writes)'], outageRows));
  }
  const blocked = r.registries.flatMap((g) =>
    g.blocked.map((b) => [g.name, b.action, minuteText(b.minute), b.deferredTo !== undefined ? `deferred to ${minuteText(b.deferredTo)}` : `skipped (${b.detail})`]),
  );
  if (blocked.length) out.push('', h('Blocked control-plane actions (home region down)'), table(['Registry', 'Action', 'Due', 'Outcome'], blocked));
  const notes = r.registries.flatMap((g) => [
    ...g.warnings.map((w) => `${g.name}: ${w}`),
    ...g.countViolations.map((v) => `${g.name}: ${v.count} ${v.what} exceed the ${v.tier} maximum of ${v.limit} (from day ${v.day})`),
  ]);
  if (notes.length) out.push('', h('Notes'), ...notes.map((n) => `- ${n}`));
  if (r.assertions.length) {
    out.push(
      '',
      h('Assertions'),
      table(
        ['', 'Subject', 'Check', 'At', 'Actual', 'Where'],
        r.assertions.map((a) => [a.passed ? 'PASS' : 'FAIL', a.subject, a.text, a.percentile, a.actual === null ? 'never' : fmtActual(a.kind, a.actual), a.where]),
      ),
    );
    out.push('', r.passed ? 'All assertions hold.' : `${counted(r.assertions.filter((a) => !a.passed).length, 'assertion')} failed.`);
  }
  return out.join('\n');
}

/** An assertion's actual value or threshold in its unit (USD, %, bytes, or a plain number). */
export function fmtActual(kind: string, v: number): string {
  if (kind === 'monthly-cost-below') return usd(v);
  if (kind === 'pull-availability-at-least') return `${(v * 100).toFixed(3)}%`;
  if (kind === 'storage-below') return formatBytes(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
