/**
 * Text, Markdown and HTML renderings of a {@link SimulationResult}; JSON is the result itself.
 */
import { markdownTable, textTable } from '../../format/tables.js';
import { mdText } from '../../format/markdown.js';
import { terminalText } from '../../format/terminal.js';
import { counted } from '../../format/counts.js';
import type { SimulationResult } from '../../sim/results/result.js';
import { COUNT_HEADERS, countRows, LISTING_NOTE } from './rows.js';
import { monthlyCostText, BLOCKED_HEADERS, blockedRows, OUTAGE_HEADERS, outageRows, registryColumns, registryRow, violationText } from './rows.js';
import type { Summary } from '../../sim/results/stats.js';
import { usd, formatBytes, percent } from '../../format/numbers.js';

/** The median with its p10-p90 range (just the median when they coincide). */
export function band(s: Summary, fmt: (n: number) => string): string {
  const f = (v: number | null): string => (v === null ? 'never' : fmt(v));
  return s.p10 === s.p90 ? f(s.p50) : `${f(s.p50)} (p10 ${f(s.p10)}, p90 ${f(s.p90)})`;
}

/** Renders the result as text (`markdown` true: GitHub Markdown). */
export function renderSimulation(r: SimulationResult, markdown = false): string {
  const table = markdown ? markdownTable : textTable;
  // Names, notes and subjects come from the scenario: escaped for where they are written.
  const safe = markdown ? mdText : terminalText;
  const h = (s: string): string => (markdown ? `### ${s}` : `${s}\n${'-'.repeat(s.length)}`);
  const out: string[] = [];
  out.push(markdown ? `## acrkit simulate: ${safe(r.scenario)}` : `acrkit simulate: ${safe(r.scenario)}`);
  out.push(`${counted(r.runs, 'run')}, seed ${r.seed}, ${r.horizonDays} days. Values are medians with p10-p90 over runs.`);
  out.push('');
  out.push(
    table(
      registryColumns(r.horizonDays).map((c) => c.header),
      r.registries.map((g) => registryRow(g, band)),
    ),
  );
  out.push('');
  out.push(`Fleet: max monthly cost ${band(r.fleet.maxMonthlyCostUsd, usd)}; stored at horizon ${band(r.fleet.storedBytesAtHorizon, formatBytes)}.`);
  out.push('', h('Monthly cost (median)'), ...r.registries.map((g) => `- ${safe(g.name)}: ${monthlyCostText(g)}`));
  const outages = outageRows(r);
  if (outages.length) out.push('', h('Outages'), table(OUTAGE_HEADERS, outages));
  const blocked = blockedRows(r);
  if (blocked.length) out.push('', h('Blocked control-plane actions (home region down)'), table(BLOCKED_HEADERS, blocked));
  const counts = countRows(r);
  if (counts.length) out.push('', h('Repositories, tags and manifests (median)'), table(COUNT_HEADERS, counts), '', LISTING_NOTE);
  const assumed = r.registries.flatMap((g) => (g.assumptions ?? []).map((a) => `${g.name}: ${a}`));
  if (assumed.length) out.push('', h('Assumptions'), ...assumed.map((n) => `- ${safe(n)}`));
  const notes = r.registries.flatMap((g) => [
    ...g.warnings.map((w) => `${g.name}: ${w}`),
    ...g.countViolations.map((v) => `${g.name}: ${violationText(v)}`),
    ...(g.counts?.warnings ?? []).map((w) => `${g.name}: ${w}`),
  ]);
  if (notes.length) out.push('', h('Notes'), ...notes.map((n) => `- ${safe(n)}`));
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
  if (kind === 'pull-availability-at-least') return percent(v);
  if (kind === 'storage-below') return percent(v); // share of the threshold used on the worst day
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
