/**
 * The review as a GitHub pull-request comment: a hidden marker a workflow can find to update
 * its own comment, the verdict and its reasons, a short table, collapsible details, and a
 * mermaid storage forecast with the difference in words. Stays under GitHub's 65,536-character
 * comment limit.
 *
 * Every value from an input (addresses, names, messages, attribute values) goes through
 * {@link mdText} or {@link mdCode}, so none can start a heading, close a table cell, add a
 * second review marker or mention someone.
 */
import type { Finding } from '../../policy/finding.js';
import type { ChangeAction, ResourceChange } from '../../review/diff.js';
import { itemText } from '../../review/lists.js';
import type { AssertionDelta, ReviewResult } from '../../review/review-types.js';
import { counted, registries } from '../../format/counts.js';
import { mdCode, mdText } from '../../format/markdown.js';
import { terminalText } from '../../format/terminal.js';
import { registryName } from '../names.js';
import { attributeView, shownSide } from './changes.js';
import { findingCounts, otherLine, verdictTone, verdictWord, type VerdictTone } from './counts.js';
import { flagsOf, type ChangeFlag } from './flags.js';
import { FORECAST_REFERENCE_MAX_RATIO, forecastSentence, sizeText } from './forecast.js';
import { fmtActual } from '../simulation/render.js';

/** The hidden first line that identifies acrkit's comment. */
export const REVIEW_MARKER = '<!-- acrkit-review -->';

/** GitHub's limit on a comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const ICON: Record<ChangeAction, string> = { create: '➕', update: '✏️', replace: '♻️', delete: '🗑️', 'no-op': '·' };

const TONE_ICON: Record<VerdictTone, string> = { pass: '✅', warn: '⚠️', fail: '❌' };

function money(n: number | null): string {
  return n === null ? '-' : `$${n.toFixed(2)}`;
}

/** Each flag's mark in the Markdown comment. */
const FLAG_MARK: Record<ChangeFlag, string> = { destructive: '💥', irreversible: '🔒', rejected: '⛔', 'access-loss': '🚫', 'access-widened': '🔓', drift: '↔️' };

function flags(c: ResourceChange): string {
  return flagsOf(c).map((f) => `${FLAG_MARK[f.kind]} ${f.words}`).join(', ') || '-';
}

function changesTable(r: ReviewResult): string {
  const cost = new Map(r.cost.registries.map((c) => [c.address, c]));
  const rows = r.changes.map((c) => {
    const k = cost.get(c.address);
    return `| ${mdCode(c.address, true)} | ${ICON[c.action]} ${c.action} | ${flags(c)} | ${k ? (k.delta === null ? 'unknown (tier from a variable)' : `${money(k.base)} → ${money(k.head)}`) : '-'} |`;
  });
  return ['| Resource | Action | Flags | Base cost/month (base → head) |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** One attribute's cell: a list as one line per element, else `before → after` (or the value alone). */
function changeCell(a: ResourceChange['attributes'][number], side: 'both' | 'before' | 'after'): string {
  const view = attributeView(a, side);
  if (view.kind === 'items') return view.items.map((i) => itemText(i, { escape: mdText, arrow: '→' })).join('<br>');
  if (side === 'after') return mdText(view.after);
  if (side === 'before') return mdText(view.before);
  return `${mdText(view.before)} → ${mdText(view.after)}`;
}

function attributeRows(c: ResourceChange, list: ResourceChange['attributes'], maxRows: number): string {
  const side = shownSide(c);
  const rows = list.slice(0, maxRows).map((a) => `| ${mdCode(a.name, true)} | ${changeCell(a, side)} |`);
  const more = list.length > maxRows ? `\n\n… ${list.length - maxRows} more attributes not shown (see \`--format json\`).` : '';
  return `| Attribute | ${side === 'both' ? 'Change' : 'Value'} |\n| --- | --- |\n${rows.join('\n')}${more}`;
}

function attributeDetails(c: ResourceChange, maxRows: number): string {
  const head = [`#### ${mdCode(c.address)} (${c.action})`, ...(c.terraformAddress ? ['', `<sub>Terraform address: ${mdCode(c.terraformAddress)}</sub>`] : [])];
  const body: string[] = [];
  if (c.attributes.length) body.push('', attributeRows(c, c.attributes, maxRows));
  const defaults = c.defaults ?? [];
  if (defaults.length) {
    body.push('', `<details><summary>${counted(defaults.length, 'attribute')} at the provider default</summary>`, '', attributeRows(c, defaults, maxRows), '', '</details>');
  }
  if (c.hiddenAttributes) body.push('', `_${counted(c.hiddenAttributes, 'attribute')} of ${mdText(c.type)} not shown: acrkit does not show them (they may hold secrets)._`);
  if (!body.length) body.push('', '_No attribute changes._');
  return [...head, ...body].join('\n');
}

function findingRows(list: readonly Finding[], max: number): string {
  if (!list.length) return '_none_';
  const rows = list
    .slice(0, max)
    .map((f) => `| ${f.status === 'unknown' ? 'unknown' : f.severity} | ${mdText(f.ruleId)} | ${mdCode(registryName(f.address, f.location), true)} | ${mdText(f.message)}${f.reason ? ` (suppressed: ${mdText(f.reason)})` : ''} |`);
  const more = list.length > max ? `\n\n… ${list.length - max} more not shown (see \`--format json\`).` : '';
  return `| Severity | Rule | Registry | Message |\n| --- | --- | --- | --- |\n${rows.join('\n')}${more}`;
}

/** One side's outcome; with `threshold` when the sides' thresholds differ (a storage check after a tier change). */
function outcome(kind: string, a: AssertionDelta['base'], threshold: boolean): string {
  if (!a) return '-';
  return `${a.passed ? 'pass' : '**fail**'} (${a.actual === null ? 'never' : fmtActual(kind, a.actual)}${threshold ? `, threshold ${fmtActual(kind, a.threshold)}` : ''})`;
}

/** Whether base and head check against different thresholds. */
function thresholdsDiffer(a: AssertionDelta): boolean {
  return a.base !== null && a.head !== null && a.base.threshold !== a.head.threshold;
}

function assertionsTable(list: readonly AssertionDelta[]): string {
  const rows = list.map(
    (a) => `| ${a.failing ? '❌' : a.head && !a.head.passed ? '⚠️' : '✅'} ${mdText(a.text)} (${mdText(a.percentile)}) | ${mdCode(a.subject, true)} | ${outcome(a.kind, a.base, thresholdsDiffer(a))} | ${outcome(a.kind, a.head, thresholdsDiffer(a))} |`,
  );
  return ['| Assertion | Subject | Base | Head |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function simulationSection(r: ReviewResult): string {
  const s = r.simulation;
  if (!s) return '';
  const rows = s.rows.map((x) => `| ${mdCode(x.address, true)} | ${mdText(x.metric)} | ${fmt(x.base)} | ${fmt(x.head)} |`);
  const parts = [
    `### Capacity, cost and failover forecast`,
    '',
    `Scenario ${mdCode(s.scenario)}, seed ${s.seed}, ${counted(s.runs, 'run')}, ${s.horizonDays} days; base and head simulated alike.`,
    '',
    '| Registry | Metric | Base | Head |',
    '| --- | --- | --- | --- |',
    ...rows,
  ];
  const assertions = s.assertions ?? [];
  if (assertions.length) {
    const failing = assertions.filter((a) => a.failing).length;
    parts.push('', `**Scenario assertions** (${failing ? `${failing} newly failing: ${failing === 1 ? 'it fails' : 'they fail'} the review` : 'none newly failing'}; one that already failed on base is shown, not failed on)`, '', assertionsTable(assertions));
  }
  for (const f of s.forecast) {
    if (!f.base && !f.head) continue;
    parts.push('', mermaidForecast(f.address, f.base, f.head, s.horizonDays, f.storage), '', mdText(forecastSentence(f, s.horizonDays)));
  }
  return parts.join('\n');
}

function fmt(n: number | null): string {
  if (n === null) return 'never';
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) < 1 ? String(Number(n.toFixed(5))) : n.toFixed(2);
}

/** Text safe inside a mermaid string on one line: no quote, backtick, angle bracket or line break. */
function mermaidText(s: string): string {
  return terminalText(s).replace(/["`<>\r\n\u2028\u2029]/g, ' ');
}

/**
 * A mermaid xychart-beta line chart of stored GiB (mean of runs), base vs head, sampled to at
 * most 24 points, with each side's included storage as a flat line when it is within 5x of
 * the data (named in the note under the chart).
 * @param storage included storage and limit per side
 * @default storage - no included-storage lines
 */
export function mermaidForecast(
  address: string,
  base: readonly number[] | null,
  head: readonly number[] | null,
  horizonDays: number,
  storage?: NonNullable<ReviewResult['simulation']>['forecast'][number]['storage'],
): string {
  const points = 24;
  const len = Math.max(base?.length ?? 0, head?.length ?? 0);
  const idx = Array.from({ length: Math.min(points, len) }, (_, i) => Math.round((i * (len - 1)) / Math.max(1, Math.min(points, len) - 1)));
  const pick = (xs: readonly number[] | null): string => `[${idx.map((i) => (xs?.[i] ?? 0).toFixed(1)).join(', ')}]`;
  const peak = Math.max(0, ...(base ?? []), ...(head ?? []));
  const included = (['base', 'head'] as const)
    .map((side) => ({ side, gib: storage?.[side]?.includedGiB }))
    .filter((x): x is { side: 'base' | 'head'; gib: number } => x.gib !== undefined && peak > 0 && x.gib <= peak * FORECAST_REFERENCE_MAX_RATIO);
  // One flat line when both sides share the included storage.
  const flat = included.length === 2 && included[0]!.gib === included[1]!.gib ? [{ side: 'both' as const, gib: included[0]!.gib }] : included;
  const max = Math.max(1, peak, ...flat.map((x) => x.gib));
  const names = [...(base ? ['base'] : []), ...(head ? ['head'] : []), ...flat.map((x) => `${x.side === 'both' ? '' : `${x.side}'s `}included storage (${sizeText(x.gib)})`)];
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(address)}: stored GiB (mean of runs), base vs head"`,
    `  x-axis "day" [${idx.map((i) => Math.round((i * horizonDays) / Math.max(1, len - 1))).join(', ')}]`,
    `  y-axis "GiB" 0 --> ${Math.ceil(max * 1.1)}`,
    ...(base ? [`  line ${pick(base)}`] : []),
    ...(head ? [`  line ${pick(head)}`] : []),
    ...flat.map((x) => `  line [${idx.map(() => x.gib.toFixed(1)).join(', ')}]`),
    '```',
    `<sub>Lines in order: ${names.join('; ')}.</sub>`,
  ].join('\n');
}

/** Renders the review as Markdown, truncating details to stay under `limit` characters. */
export function renderReviewMarkdown(r: ReviewResult, limit = GITHUB_COMMENT_LIMIT): string {
  for (const [attrRows, findRows] of [[50, 100], [20, 40], [8, 15], [3, 5], [0, 0]] as const) {
    const text = oneMarker(compose(r, attrRows, findRows));
    if (text.length <= limit) return text;
  }
  const text = oneMarker(compose(r, 0, 0));
  const note = '\n\n… truncated to fit a GitHub comment; run `acrkit review --format json` for everything.';
  return text.slice(0, limit - note.length) + note;
}

/**
 * The comment with the review marker only at its start: a copy an input smuggles into a code
 * span or the chart (where escaping does not apply) gets a zero-width space, so a workflow
 * that looks for the marker finds acrkit's comment, and only by its first line.
 */
function oneMarker(text: string): string {
  const rest = text.slice(REVIEW_MARKER.length);
  return REVIEW_MARKER + rest.split(REVIEW_MARKER).join('<!-- acrkit\u200b-review -->');
}

function compose(r: ReviewResult, attrRows: number, findRows: number): string {
  const other = otherLine(r);
  const tone = verdictTone(r);
  if (!r.changes.length && !r.findings.new.length && !r.findings.fixed.length && !r.inputErrors.length) {
    const first = r.summary.charAt(0).toLowerCase() + r.summary.slice(1);
    return `${REVIEW_MARKER}\n${TONE_ICON[tone]} acrkit: ${mdText(first)}${other ? `\n\n${other}` : ''}`;
  }
  const parts = [REVIEW_MARKER, '## acrkit plan review', '', `**${TONE_ICON[tone]} ${verdictWord(tone)}:** ${mdText(r.summary)}`];
  if (r.reasons.length) parts.push('', ...r.reasons.map((x) => `- ${x.fails ? '❌' : '⚠️'} ${mdText(x.message)}`));
  if (other) parts.push('', other);
  if (r.inputErrors.length) {
    parts.push('', '### Inputs that could not be read', '', ...r.inputErrors.map((e) => `- ${mdText(e.message)}`), '', '_What follows is computed from the inputs that could be read, so it may show changes that are not there: fix the inputs and run the review again._');
  }
  if (r.changes.length) parts.push('', changesTable(r));
  const flagged = r.changes.filter((c) => c.reasons.length);
  if (flagged.length) {
    parts.push('', '### ⚠️ Flagged changes', '');
    for (const c of flagged) for (const reason of c.reasons) parts.push(`- **${reason.kind}** ${mdCode(c.address)}: ${mdText(reason.message)}`);
  }
  const c = r.cost;
  parts.push('', `Base cost (registry and replica units): ${money(c.base)} → ${money(c.head)} a month (${c.delta >= 0 ? '+' : '-'}$${Math.abs(c.delta).toFixed(2)})${c.unknown ? `; ${registries(c.unknown)} with an unknown tier left out` : ''}.`);
  if (r.changes.length) {
    const details = attrRows > 0 ? r.changes.map((x) => attributeDetails(x, attrRows)).join('\n\n') : '_Attribute details left out to fit a GitHub comment; see `--format json`._';
    parts.push('', `<details><summary>Attribute changes</summary>`, '', details, '', '</details>');
  }
  const f = r.findings;
  parts.push('', `<details><summary>Findings: ${findingCounts(f)}</summary>`);
  const removed = f.removed ?? [];
  for (const [title, list] of [['New', f.new], ['Fixed', f.fixed], ...(removed.length ? [['Removed with the registry', removed] as const] : []), ['Unchanged', f.unchanged], ['Suppressed', f.suppressed]] as const) {
    parts.push('', `**${title}**`, '', findingRows(list, findRows));
  }
  parts.push('', '</details>');
  const sim = simulationSection(r);
  if (sim) parts.push('', sim);
  return parts.join('\n');
}
