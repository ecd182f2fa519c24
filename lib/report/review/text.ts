/**
 * The review as plain text for a terminal.
 */
import { display } from '../../review/attributes.js';
import type { ReviewResult } from '../../review/review-types.js';

/** Renders the review as text. */
export function renderReviewText(r: ReviewResult): string {
  const lines = [r.verdict.replace(/^[^\w]+\s*/u, ''), ''];
  for (const e of r.inputErrors) lines.push(`input error: ${e.message}`);
  if (r.inputErrors.length) lines.push('(what follows is computed from the inputs that could be read, so it may show changes that are not there)', '');
  for (const c of r.changes) {
    lines.push(`${c.action.toUpperCase().padEnd(8)} ${c.address}${c.destructive ? '  [DESTRUCTIVE]' : c.irreversible ? '  [IRREVERSIBLE]' : ''}`);
    for (const a of c.attributes) lines.push(`         ${a.name}: ${display(a.before)} -> ${display(a.after)}`);
    for (const reason of c.reasons) lines.push(`         ! ${reason.kind}: ${reason.message}`);
  }
  const f = r.findings;
  lines.push('', `findings: ${f.new.length} new, ${f.fixed.length} fixed, ${f.unchanged.length} unchanged, ${f.suppressed.length} suppressed`);
  const level = (x: (typeof f.new)[number]): string => (x.status === 'unknown' ? 'unknown' : x.severity).padEnd(7);
  for (const x of f.new) lines.push(`  new   ${level(x)} ${x.ruleId} ${x.address}: ${x.message}`);
  for (const x of f.fixed) lines.push(`  fixed ${level(x)} ${x.ruleId} ${x.address}: ${x.message}`);
  lines.push('', `base cost: $${r.cost.base.toFixed(2)} -> $${r.cost.head.toFixed(2)} a month (${r.cost.delta >= 0 ? '+' : '-'}$${Math.abs(r.cost.delta).toFixed(2)})${r.cost.unknown ? `, ${r.cost.unknown} unknown` : ''}`);
  if (r.simulation) {
    lines.push('', `simulation (${r.simulation.scenario}, seed ${r.simulation.seed}, ${r.simulation.runs} runs):`);
    for (const row of r.simulation.rows) lines.push(`  ${row.address}  ${row.metric}: ${row.base ?? 'never'} -> ${row.head ?? 'never'}`);
  }
  return lines.join('\n');
}
