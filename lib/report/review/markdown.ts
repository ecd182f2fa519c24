/**
 * The review as a GitHub pull-request comment: a hidden marker a workflow can find to update
 * its own comment, a one-line verdict, a short table, collapsible details, and a mermaid
 * storage forecast. Stays under GitHub's 65,536-character comment limit.
 */
import type { Finding } from '../../policy/finding.js';
import { display } from '../../review/attributes.js';
import type { ChangeAction, ResourceChange } from '../../review/diff.js';
import type { ReviewResult } from '../../review/review-types.js';
import { registries } from '../../format/counts.js';

/** The hidden first line that identifies acrkit's comment. */
export const REVIEW_MARKER = '<!-- acrkit-review -->';

/** GitHub's limit on a comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const ICON: Record<ChangeAction, string> = { create: '➕', update: '✏️', replace: '♻️', delete: '🗑️', 'no-op': '·' };

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;');
}

function money(n: number | null): string {
  return n === null ? '-' : `$${n.toFixed(2)}`;
}

function flags(c: ResourceChange): string {
  return [c.destructive ? '💥 destructive' : '', c.irreversible && !c.destructive ? '🔒 irreversible' : '', c.reasons.some((r) => r.kind === 'rejected') ? '⛔ rejected by Azure' : '']
    .filter(Boolean)
    .join(', ') || '-';
}

function changesTable(r: ReviewResult): string {
  const cost = new Map(r.cost.registries.map((c) => [c.address, c]));
  const rows = r.changes.map((c) => {
    const k = cost.get(c.address);
    return `| \`${esc(c.address)}\` | ${ICON[c.action]} ${c.action} | ${flags(c)} | ${k ? (k.delta === null ? 'unknown (tier from a variable)' : `${money(k.base)} → ${money(k.head)}`) : '-'} |`;
  });
  return ['| Resource | Action | Flags | Base cost/month (base → head) |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function attributeDetails(c: ResourceChange, maxRows: number): string {
  const rows = c.attributes.slice(0, maxRows).map((a) => `| \`${esc(a.name)}\` | ${esc(display(a.before))} | ${esc(display(a.after))} |`);
  const more = c.attributes.length > maxRows ? `\n\n… ${c.attributes.length - maxRows} more attributes not shown (see \`--format json\`).` : '';
  return `#### \`${esc(c.address)}\` (${c.action})\n\n| Attribute | Before | After |\n| --- | --- | --- |\n${rows.join('\n')}${more}`;
}

function findingRows(list: readonly Finding[], max: number): string {
  if (!list.length) return '_none_';
  const rows = list.slice(0, max).map((f) => `| ${f.status === 'unknown' ? 'unknown' : f.severity} | ${f.ruleId} | \`${esc(f.address)}\` | ${esc(f.message)}${f.reason ? ` (suppressed: ${esc(f.reason)})` : ''} |`);
  const more = list.length > max ? `\n\n… ${list.length - max} more not shown (see \`--format json\`).` : '';
  return `| Severity | Rule | Registry | Message |\n| --- | --- | --- | --- |\n${rows.join('\n')}${more}`;
}

function simulationSection(r: ReviewResult): string {
  const s = r.simulation;
  if (!s) return '';
  const rows = s.rows.map((x) => `| \`${esc(x.address)}\` | ${esc(x.metric)} | ${fmt(x.base)} | ${fmt(x.head)} |`);
  const parts = [
    `### Capacity, cost and failover forecast`,
    `Scenario \`${esc(s.scenario)}\`, seed ${s.seed}, ${s.runs} run${s.runs === 1 ? '' : 's'}, ${s.horizonDays} days; base and head simulated alike.`,
    '',
    '| Registry | Metric | Base | Head |',
    '| --- | --- | --- | --- |',
    ...rows,
  ];
  for (const f of s.forecast) parts.push('', mermaidForecast(f.address, f.base, f.head, s.horizonDays));
  return parts.join('\n');
}

function fmt(n: number | null): string {
  if (n === null) return 'never';
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) < 1 ? String(Number(n.toFixed(5))) : n.toFixed(2);
}

/** A mermaid xychart-beta line chart of stored GiB (mean of runs), base vs head, sampled to at most 24 points. */
export function mermaidForecast(address: string, base: readonly number[] | null, head: readonly number[] | null, horizonDays: number): string {
  const points = 24;
  const len = Math.max(base?.length ?? 0, head?.length ?? 0);
  const idx = Array.from({ length: Math.min(points, len) }, (_, i) => Math.round((i * (len - 1)) / Math.max(1, Math.min(points, len) - 1)));
  const pick = (xs: readonly number[] | null): string => `[${idx.map((i) => (xs?.[i] ?? 0).toFixed(1)).join(', ')}]`;
  const max = Math.max(1, ...(base ?? []), ...(head ?? []));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${address.replace(/"/g, "'")}: stored GiB (mean of runs), base vs head"`,
    `  x-axis "day" [${idx.map((i) => Math.round((i * horizonDays) / Math.max(1, len - 1))).join(', ')}]`,
    `  y-axis "GiB" 0 --> ${Math.ceil(max * 1.1)}`,
    ...(base ? [`  line ${pick(base)}`] : []),
    ...(head ? [`  line ${pick(head)}`] : []),
    '```',
    `<sub>First line: base; second line: head.</sub>`,
  ].join('\n');
}

/** Renders the review as Markdown, truncating details to stay under `limit` characters. */
export function renderReviewMarkdown(r: ReviewResult, limit = GITHUB_COMMENT_LIMIT): string {
  for (const [attrRows, findRows] of [[50, 100], [20, 40], [8, 15], [3, 5], [0, 0]] as const) {
    const text = compose(r, attrRows, findRows);
    if (text.length <= limit) return text;
  }
  const text = compose(r, 0, 0);
  const note = '\n\n… truncated to fit a GitHub comment; run `acrkit review --format json` for everything.';
  return text.slice(0, limit - note.length) + note;
}

function compose(r: ReviewResult, attrRows: number, findRows: number): string {
  if (!r.changes.length && !r.findings.new.length && !r.findings.fixed.length && !r.inputErrors.length) {
    return `${REVIEW_MARKER}\n${r.verdict.replace('No registry changes', 'acrkit: no registry changes')}`;
  }
  const parts = [REVIEW_MARKER, '## acrkit plan review', '', `**${r.verdict}**`];
  if (r.inputErrors.length) {
    parts.push('', '### Inputs that could not be read', '', ...r.inputErrors.map((e) => `- ${esc(e.message)}`), '', '_What follows is computed from the inputs that could be read, so it may show changes that are not there: fix the inputs and run the review again._');
  }
  if (r.changes.length) parts.push('', changesTable(r));
  const flagged = r.changes.filter((c) => c.reasons.length);
  if (flagged.length) {
    parts.push('', '### ⚠️ Destructive, irreversible or rejected changes', '');
    for (const c of flagged) for (const reason of c.reasons) parts.push(`- **${reason.kind}** \`${esc(c.address)}\`: ${esc(reason.message)}`);
  }
  const c = r.cost;
  parts.push('', `Base cost (registry and replica units): ${money(c.base)} → ${money(c.head)} a month (${c.delta >= 0 ? '+' : '-'}$${Math.abs(c.delta).toFixed(2)})${c.unknown ? `; ${registries(c.unknown)} with an unknown tier left out` : ''}.`);
  if (r.changes.length) {
    const details = attrRows > 0 ? r.changes.map((x) => attributeDetails(x, attrRows)).join('\n\n') : '_Attribute details left out to fit a GitHub comment; see `--format json`._';
    parts.push('', `<details><summary>Attribute changes</summary>`, '', details, '', '</details>');
  }
  const f = r.findings;
  parts.push('', `<details><summary>Findings: ${f.new.length} new, ${f.fixed.length} fixed, ${f.unchanged.length} unchanged, ${f.suppressed.length} suppressed</summary>`);
  for (const [title, list] of [['New', f.new], ['Fixed', f.fixed], ['Unchanged', f.unchanged], ['Suppressed', f.suppressed]] as const) {
    parts.push('', `**${title}**`, '', findingRows(list, findRows));
  }
  parts.push('', '</details>');
  const sim = simulationSection(r);
  if (sim) parts.push('', sim);
  return parts.join('\n');
}
