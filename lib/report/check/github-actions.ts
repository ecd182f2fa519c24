/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's
 * diff and the run summary, with no upload step (`acrkit check --format github`).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { counted, registries } from '../../format/counts.js';
import type { Finding } from '../../policy/finding.js';
import { isStdinName } from '../../sources/stdin.js';
import type { CheckResult, RenderOptions } from './check-result.js';
import { registryName } from '../names.js';

/** A workflow command's level. */
type Level = 'error' | 'warning' | 'notice';

/** Escapes a workflow command's message: `%`, carriage return and newline (GitHub's rules). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as {@link escapeData}, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `file` relative to `cwd`, with `/` separators; `undefined` for standard input. */
function workflowPath(file: string | undefined, cwd: string): string | undefined {
  if (file === undefined || isStdinName(file)) return undefined;
  const rel = relative(cwd, isAbsolute(file) ? file : resolve(cwd, file));
  return rel.split(sep).join('/');
}

/** One workflow command line. */
function command(level: Level, props: { file?: string | undefined; line?: number | undefined; title: string }, message: string): string {
  const p: string[] = [];
  if (props.file !== undefined) {
    p.push(`file=${escapeProperty(props.file)}`);
    if (props.line !== undefined) p.push(`line=${props.line}`);
  }
  p.push(`title=${escapeProperty(props.title)}`);
  return `::${level} ${p.join(',')}::${escapeData(message)}`;
}

function levelOf(f: Finding): Level {
  if (f.status === 'unknown') return 'notice';
  return f.severity === 'info' ? 'notice' : f.severity;
}

function titleOf(f: Finding): string {
  const what = f.status === 'unknown' ? ' (could not decide)' : f.status === 'error' ? ' (rule error)' : '';
  return `${f.ruleId} ${f.ruleName}${what}`;
}

/**
 * Renders the check as GitHub Actions workflow commands, one line per annotation:
 * `::error file=PATH,line=N,title=RULE NAME::ADDRESS: MESSAGE`.
 *
 * - error findings (and rules that failed) are `::error`, warnings `::warning`, info `::notice`;
 * - findings that could not be decided (an Unknown value) are `::notice` titled
 *   "(could not decide)", so a reviewer sees what was not checked; they never fail a run;
 * - suppressed findings are not emitted;
 * - inputs that could not be read are `::error` titled "acrkit input error";
 * - `file=` is relative to `options.cwd` (run acrkit from the repository root so GitHub can
 *   place the annotation) and is left out for standard input and construct trees; there is
 *   no `col=`, as acrkit knows lines only;
 * - messages and properties are escaped by GitHub's rules (`%`, CR, LF; and `:` and `,` in
 *   properties).
 *
 * A last plain line (not a command) sums the run up for the log.
 */
export function renderGithubActions(result: CheckResult, options: RenderOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const { report } = result;
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.suppressed) continue;
    // An annotation sits on the argument's line when the input recorded it, else on the registry's.
    const at = f.argument ?? f.location;
    lines.push(command(levelOf(f), { file: workflowPath(at.file, cwd), line: at.line, title: titleOf(f) }, `${registryName(f.address, f.location)}: ${f.message}`));
  }
  for (const e of result.inputErrors ?? []) {
    const file = workflowPath(e.location.file, cwd);
    // With file= the annotation shows where; without it the message says so.
    lines.push(command('error', { file, line: e.location.line, title: 'acrkit input error' }, file === undefined ? e.message : e.reason));
  }
  const s = report.summary;
  lines.push(
    `acrkit check: ${registries(report.registries)} checked with ${counted(report.rules.length, 'rule')}: ${counted(s.error, 'error')}, ${counted(s.warning, 'warning')}, ${s.info} info, ${s.unknown} unknown, ${s.suppressed} suppressed${(result.inputErrors ?? []).length ? `, ${counted(result.inputErrors!.length, 'input error')}` : ''}.`,
  );
  return lines.join('\n') + '\n';
}
