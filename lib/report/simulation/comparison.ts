/**
 * Text, Markdown and JSON renderings of a variant comparison (lib/sim/variants): one row per
 * variant with the compared figures (median, p10-p90 over runs), one row per variant with the
 * paired per-run difference from the baseline, the assertions each variant fails, and the
 * recommendation line. Every name from the scenario is escaped for where it is written.
 */
import { counted } from '../../format/counts.js';
import { mdText } from '../../format/markdown.js';
import { formatBytes, percent, usd } from '../../format/numbers.js';
import { markdownTable, textTable } from '../../format/tables.js';
import { terminalText } from '../../format/terminal.js';
import type { Summary } from '../../sim/results/stats.js';
import type { ComparisonResult, DeltaSummary, VariantOutcome } from '../../sim/variants/compare.js';
import { COMPARISON_METRICS, type ComparisonMetric } from '../../sim/variants/metrics.js';
import { band } from './render.js';

/** A compared figure's value in its unit (`never` for a day never reached). */
export function metricValue(m: ComparisonMetric, v: number | null): string {
  if (v === null) return 'never';
  switch (m.unit) {
    case 'bytes':
      return formatBytes(v);
    case 'usd':
      return usd(v);
    case 'day':
      return `day ${Math.round(v)}`;
    case 'share':
      return percent(v);
    case 'minutes':
      return v.toFixed(0);
  }
}

/** A difference in a figure's unit, signed (`+1.20 GiB`, `-$3.00`, `+4 days`, `-0.010 pp`). */
export function deltaValue(m: ComparisonMetric, v: number): string {
  const sign = v > 0 ? '+' : v < 0 ? '-' : '±';
  const a = Math.abs(v);
  switch (m.unit) {
    case 'bytes':
      return `${sign}${formatBytes(a)}`;
    case 'usd':
      return `${sign}${usd(a)}`;
    case 'day':
      return `${sign}${Math.round(a)} days`;
    case 'share':
      return `${sign}${(a * 100).toFixed(3)} pp`;
    case 'minutes':
      return `${sign}${a.toFixed(0)} min`;
  }
}

/** A paired difference as `median (p10 .. p90)`, `-` when no run pairs. */
export function deltaText(m: ComparisonMetric, d: DeltaSummary | null): string {
  if (!d) return '-';
  const f = (v: number): string => deltaValue(m, v);
  return d.p10 === d.p90 ? f(d.p50) : `${f(d.p50)} (p10 ${f(d.p10)}, p90 ${f(d.p90)})`;
}

/** A figure over runs, as the single-simulation report draws it. */
export function metricText(m: ComparisonMetric, s: Summary): string {
  return band(s, (v) => metricValue(m, v));
}

/** The assertion column: `pass (3)`, `FAIL 1 of 3`, or `-` without assertions. */
export function assertionCell(v: VariantOutcome): string {
  if (!v.assertions.length) return '-';
  const failed = v.assertions.filter((a) => !a.passed).length;
  return failed ? `FAIL ${failed} of ${v.assertions.length}` : `pass (${v.assertions.length})`;
}

/** Headers of {@link figureRows}. */
export function figureHeaders(): string[] {
  return ['Variant', 'Settings', ...COMPARISON_METRICS.map((m) => m.label), 'Assertions'];
}

/** One row per variant: name (baseline marked; control characters shown escaped), settings, each figure, assertions. */
export function figureRows(c: ComparisonResult): string[][] {
  return c.variants.map((v, i) => [
    i === 0 ? `${terminalText(v.name)} (baseline)` : terminalText(v.name),
    v.settings,
    ...COMPARISON_METRICS.map((m) => metricText(m, v.metrics[m.key])),
    assertionCell(v),
  ]);
}

/** Headers of {@link deltaRows}. */
export function deltaHeaders(): string[] {
  return ['Variant', ...COMPARISON_METRICS.map((m) => m.label)];
}

/** One row per variant but the baseline: the paired difference of each figure. */
export function deltaRows(c: ComparisonResult): string[][] {
  return c.variants.slice(1).map((v) => [terminalText(v.name), ...COMPARISON_METRICS.map((m) => deltaText(m, v.deltas?.[m.key] ?? null))]);
}

/**
 * The lines under the tables: each variant's failed assertions, warnings, and draws that differed
 * (control characters shown escaped, as on a terminal, in every format).
 */
export function comparisonNotes(c: ComparisonResult): string[] {
  const out: string[] = [];
  for (const v of c.variants) {
    for (const a of v.assertions.filter((x) => !x.passed)) out.push(`${v.name}: FAIL ${a.text} (${a.subject}, ${a.percentile}) at ${a.where}`);
    for (const w of v.warnings) out.push(`${v.name}: ${w}`);
    if (!v.sameDraws) out.push(`${v.name}: its runs drew other pushes than the baseline's (it changes what the workload draws), so its deltas include noise`);
  }
  return out.map(terminalText);
}

/** The sentence under the title: runs, seed, horizon, common random numbers, how to read the figures. */
export function comparisonIntro(c: ComparisonResult): string {
  return (
    `${counted(c.variants.length, 'variant')}, ${counted(c.runs, 'run')} each, seed ${c.seed}, ${c.horizonDays} days; ` +
    `run i of every variant draws the same pushes and pulls (common random numbers). ` +
    `Figures are fleet medians with p10-p90 over runs; deltas are the paired per-run difference from the baseline, ${terminalText(c.baseline)}.`
  );
}

/** Renders a comparison as text (`markdown` true: GitHub Markdown). */
export function renderComparison(c: ComparisonResult, markdown = false): string {
  const table = markdown ? markdownTable : textTable;
  const safe = markdown ? mdText : terminalText;
  const h = (s: string): string => (markdown ? `### ${s}` : `${s}\n${'-'.repeat(s.length)}`);
  const out: string[] = [];
  const title = `acrkit simulate: ${c.scenario}, variants side by side`;
  out.push(markdown ? `## ${safe(title)}` : safe(title));
  out.push(safe(comparisonIntro(c)), '');
  out.push(table(figureHeaders(), figureRows(c)));
  const deltas = deltaRows(c);
  if (deltas.length) out.push('', h(`Paired difference from ${safe(c.baseline)} (median, p10-p90 over runs)`), table(deltaHeaders(), deltas));
  const notes = comparisonNotes(c);
  if (notes.length) out.push('', h('Notes'), ...notes.map((n) => `- ${safe(n)}`));
  out.push('', markdown ? `**${safe(c.recommendation.text)}**` : safe(c.recommendation.text));
  return out.join('\n');
}
