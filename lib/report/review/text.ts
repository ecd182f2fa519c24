/**
 * The review as plain text for a terminal: the verdict and its reasons, each change with its
 * attributes (lists element by element), findings, cost and the forecast in words. Values from
 * inputs are shown through {@link terminalText}: no control character reaches the terminal.
 */
import { counted } from '../../format/counts.js';
import { terminalText } from '../../format/terminal.js';
import { itemText } from '../../review/lists.js';
import type { ReviewResult } from '../../review/review-types.js';
import { registryName } from '../names.js';
import { attributeView, shownSide } from './changes.js';
import { findingCounts, otherLine, verdictLine } from './counts.js';
import { forecastSentence } from './forecast.js';
import { fmtActual } from '../simulation/render.js';

const t = terminalText;

/** Renders the review as text. */
export function renderReviewText(r: ReviewResult): string {
  const lines = [t(verdictLine(r))];
  for (const x of r.reasons) lines.push(`  ${x.fails ? 'fails:' : 'warns:'} ${t(x.message)}`);
  lines.push('');
  const other = otherLine(r);
  if (other) lines.push(other, '');
  for (const e of r.inputErrors) lines.push(`input error: ${t(e.message)}`);
  if (r.inputErrors.length) lines.push('(what follows is computed from the inputs that could be read, so it may show changes that are not there)', '');
  const pad = '         ';
  for (const c of r.changes) {
    lines.push(`${c.action.toUpperCase().padEnd(8)} ${t(c.address)}${c.destructive ? '  [DESTRUCTIVE]' : c.irreversible ? '  [IRREVERSIBLE]' : ''}`);
    if (c.terraformAddress) lines.push(`${pad}(${t(c.terraformAddress)})`);
    const side = shownSide(c);
    for (const a of c.attributes) {
      const view = attributeView(a, side);
      if (view.kind === 'items') {
        lines.push(`${pad}${t(a.name)}:`);
        for (const i of view.items) lines.push(`${pad}  ${itemText(i, { escape: t })}`);
      } else {
        lines.push(`${pad}${t(a.name)}: ${side === 'after' ? t(view.after) : side === 'before' ? t(view.before) : `${t(view.before)} -> ${t(view.after)}`}`);
      }
    }
    if (c.defaults?.length) lines.push(`${pad}(${counted(c.defaults.length, 'attribute')} at the provider default: ${c.defaults.map((a) => t(a.name)).join(', ')})`);
    if (c.hiddenAttributes) lines.push(`${pad}(${counted(c.hiddenAttributes, 'attribute')} of ${t(c.type)} not shown: they may hold secrets)`);
    for (const reason of c.reasons) lines.push(`${pad}! ${reason.kind}: ${t(reason.message)}`);
  }
  const f = r.findings;
  lines.push('', `findings: ${findingCounts(f)}`);
  const level = (x: (typeof f.new)[number]): string => (x.status === 'unknown' ? 'unknown' : x.severity).padEnd(7);
  const row = (tag: string, x: (typeof f.new)[number], tail = ''): string => `  ${tag.padEnd(5)} ${level(x)} ${t(x.ruleId)} ${t(registryName(x.address, x.location))}: ${t(x.message)}${tail}`;
  for (const x of f.new) lines.push(row('new', x));
  for (const x of f.fixed) lines.push(row('fixed', x));
  for (const x of f.removed ?? []) lines.push(row('gone', x, ' (removed with the registry)'));
  lines.push('', `base cost: $${r.cost.base.toFixed(2)} -> $${r.cost.head.toFixed(2)} a month (${r.cost.delta >= 0 ? '+' : '-'}$${Math.abs(r.cost.delta).toFixed(2)})${r.cost.unknown ? `, ${r.cost.unknown} unknown` : ''}`);
  const s = r.simulation;
  if (s) {
    lines.push('', `simulation (${t(s.scenario)}, seed ${s.seed}, ${counted(s.runs, 'run')}):`);
    for (const row of s.rows) lines.push(`  ${t(row.address)}  ${row.metric}: ${row.base ?? 'never'} -> ${row.head ?? 'never'}`);
    for (const a of s.assertions ?? []) {
      const side = (o: typeof a.base): string => (o ? `${o.passed ? 'pass' : 'FAIL'} (${o.actual === null ? 'never' : fmtActual(a.kind, o.actual)})` : '-');
      lines.push(`  assertion ${t(a.text)} (${a.percentile}), ${t(a.subject)}: ${side(a.base)} -> ${side(a.head)}${a.failing ? '  [FAILS THE REVIEW]' : ''}`);
    }
    for (const fc of s.forecast) if (fc.base || fc.head) lines.push(`  ${t(fc.address)}: ${t(forecastSentence(fc, s.horizonDays))}`);
  }
  return lines.join('\n');
}
