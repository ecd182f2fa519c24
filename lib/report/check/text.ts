/**
 * Text report: findings grouped by registry, coloured on a terminal.
 */
import pc from 'picocolors';
import type { Finding } from '../../policy/finding.js';
import type { CheckResult, RenderOptions } from './check-result.js';
import { counted, registries } from '../../format/counts.js';
import { registryDetail, registryName } from '../names.js';
import { terminalText } from '../../format/terminal.js';

/** Renders the text report. */
export function renderText(result: CheckResult, options: RenderOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const { report } = result;
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${registryName(f.address, f.location)}\u0000${registryDetail(f.address, f.location)}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const tag = (f: Finding): string => {
    if (f.suppressed) return c.dim('suppressed');
    if (f.status === 'unknown') return c.cyan('unknown');
    if (f.status === 'error') return c.red(c.bold('rule-error'));
    return f.severity === 'error' ? c.red('error') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info');
  };
  for (const [key, list] of groups) {
    const [address, where] = key.split('\u0000') as [string, string];
    lines.push(`${c.bold(terminalText(address))}${where ? c.dim(`  ${terminalText(where)}`) : ''}`);
    for (const f of list) {
      lines.push(`  ${tag(f).padEnd(10)} ${f.ruleId} ${terminalText(f.message)}`);
      if (f.suppressed) lines.push(c.dim(`             suppressed: ${terminalText(f.reason ?? '')}`));
    }
    lines.push('');
  }
  for (const e of result.inputErrors ?? []) lines.push(`${c.red('input error')} ${terminalText(e.message)}`);
  if ((result.inputErrors ?? []).length) lines.push('');
  const s = report.summary;
  const count = `${registries(report.registries)} checked with ${counted(report.rules.length, 'rule')}`;
  if (report.findings.length === 0) lines.push(c.green(`${count}: no findings.`));
  else lines.push(`${count}: ${c.red(counted(s.error, 'error'))}, ${c.yellow(counted(s.warning, 'warning'))}, ${s.info} info, ${s.unknown} unknown, ${s.suppressed} suppressed.`);
  return lines.join('\n');
}
