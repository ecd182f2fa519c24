/**
 * Markdown report: one pull-request comment section with a summary line, a table per
 * severity, suppressed and unknown findings, and the rule explanations in <details>.
 */
import type { Finding } from '../../policy/finding.js';
import { SEVERITIES } from '../../policy/rule.js';
import type { CheckResult } from './check-result.js';
import { noun, registries } from '../../format/counts.js';
import { registryDetail, registryName } from '../names.js';
import { mdCode, mdText } from '../../format/markdown.js';


function table(rows: readonly Finding[], withReason: boolean): string[] {
  const head = withReason ? '| Rule | Registry | Message | Location | Reason |' : '| Rule | Registry | Message | Location |';
  const sep = withReason ? '|---|---|---|---|---|' : '|---|---|---|---|';
  return [
    head,
    sep,
    ...rows.map((f) => `| ${f.ruleId} | ${mdCode(registryName(f.address, f.location), true)} | ${mdText(f.message)} | ${mdText(registryDetail(f.address, f.location))} |${withReason ? ` ${mdText(f.reason ?? '')} |` : ''}`),
  ];
}

/** Renders the Markdown report. */
export function renderMarkdown(result: CheckResult): string {
  const { report } = result;
  const s = report.summary;
  const out: string[] = ['## acrkit policy check', ''];
  const icon = s.error > 0 ? ':x:' : s.warning > 0 ? ':warning:' : ':white_check_mark:';
  out.push(`${icon} **${s.error}** ${noun(s.error, 'error')}, **${s.warning}** ${noun(s.warning, 'warning')}, **${s.info}** info, **${s.unknown}** unknown, **${s.suppressed}** suppressed across ${registries(report.registries)}.`, '');
  const active = report.findings.filter((f) => !f.suppressed);
  for (const sev of SEVERITIES) {
    const rows = active.filter((f) => f.status !== 'unknown' && f.severity === sev);
    if (rows.length === 0) continue;
    out.push(`### ${sev[0]!.toUpperCase()}${sev.slice(1)}s (${rows.length})`, '', ...table(rows, false), '');
  }
  const unknowns = active.filter((f) => f.status === 'unknown');
  if (unknowns.length) out.push(`### Could not decide (${unknowns.length})`, '', 'These need values known only at apply time (variables without defaults, references).', '', ...table(unknowns, false), '');
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length) out.push(`### Suppressed (${suppressed.length})`, '', ...table(suppressed, true), '');
  const errors = result.inputErrors ?? [];
  if (errors.length) out.push(`### Input errors (${errors.length})`, '', ...errors.map((e) => `- ${mdCode(e.message)}`), '');
  const fired = [...new Set(report.findings.map((f) => f.ruleId))];
  for (const id of fired) {
    const rule = report.rules.find((r) => r.id === id);
    if (!rule) continue;
    out.push(`<details><summary>${rule.id} ${rule.name}: ${rule.info}</summary>`, '', rule.explanation, '');
    if (rule.references.length) out.push(`References: ${rule.references.map((r) => `${r.id}${r.title ? ` (${r.title})` : ''}`).join('; ')}`, '');
    out.push('</details>', '');
  }
  return out.join('\n').trimEnd() + '\n';
}
