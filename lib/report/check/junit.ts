/**
 * JUnit XML report for CI systems that show test results (GitLab, Jenkins, Azure Pipelines,
 * CircleCI, GitHub test-report actions). The shape follows the common JUnit schema
 * (Jenkins' junit-10.xsd, which the others accept): `<testsuites>` with one `<testsuite>`
 * per input file, one `<testcase>` per registry and rule evaluated, and only the attributes
 * and elements that schema declares.
 */
import { formatLocation } from '../../input/location.js';
import type { CheckedRegistry } from '../../policy/engine.js';
import { failing, type Finding, type FindingLocation } from '../../policy/finding.js';
import type { Rule } from '../../policy/rule.js';
import type { CheckResult, RenderOptions } from './check-result.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/** Name of the suite for registries that come from a construct tree rather than a file. */
const CONSTRUCT_SUITE = 'construct tree';

/** One testcase, rendered. */
interface Case {
  readonly xml: string;
  readonly outcome: 'passed' | 'failure' | 'error' | 'skipped';
}

/** The suite a location belongs to: its file, else its cdktf stack, else the construct tree. */
function suiteOf(l: FindingLocation): string {
  return l.file ?? l.constructPath?.split('/')[0] ?? CONSTRUCT_SUITE;
}

/** Key of one registry (an address may repeat across files or stacks). */
function registryKey(address: string, l: FindingLocation): string {
  return `${l.file ?? ''}\u0000${l.constructPath ?? ''}\u0000${address}`;
}

/** The registries checked: the report's list, else those that have findings. */
function checkedOf(result: CheckResult): readonly CheckedRegistry[] {
  if (result.report.checked) return result.report.checked;
  const seen = new Map<string, CheckedRegistry>();
  for (const f of result.report.findings) {
    const k = registryKey(f.address, f.location);
    if (!seen.has(k)) seen.set(k, { address: f.address, location: f.location });
  }
  return [...seen.values()];
}

/** One line per finding for an element's body. */
function details(rule: Rule, reg: CheckedRegistry, list: readonly Finding[]): string {
  const where = formatLocation(reg.location);
  return [
    `${rule.id} ${rule.name} (${rule.pack}, ${rule.severity}): ${rule.info}`,
    `registry: ${reg.address}${where ? ` at ${where}` : ''}`,
    ...list.map((f) => `${f.suppressed ? `suppressed (${f.reason ?? ''})` : f.status === 'unknown' ? 'could not decide' : f.status === 'error' ? 'rule error' : f.severity}: ${f.message}`),
  ].join('\n');
}

/** The testcase of one rule on one registry. */
function testcase(rule: Rule, reg: CheckedRegistry, list: readonly Finding[], failOn: NonNullable<RenderOptions['failOn']>): Case {
  const open = `    <testcase classname="${xmlAttr(reg.address)}" name="${xmlAttr(`${rule.id} ${rule.name}`)}" time="0"`;
  if (list.length === 0) return { xml: `${open}/>`, outcome: 'passed' };
  const body = xmlText(details(rule, reg, list));
  const failed = failing(list, failOn);
  if (failed.length) {
    const crashed = failed.some((f) => f.status === 'error');
    const tag = crashed ? 'error' : 'failure';
    const message = failed.map((f) => f.message).join('; ');
    const type = crashed ? 'rule-error' : failed[0]!.severity;
    return { xml: `${open}>\n      <${tag} message="${xmlAttr(message)}" type="${type}">${body}</${tag}>\n    </testcase>`, outcome: crashed ? 'error' : 'failure' };
  }
  if (list.every((f) => f.suppressed || f.status === 'unknown')) {
    const message = list.map((f) => (f.suppressed ? `suppressed: ${f.reason ?? ''}` : `could not decide: ${f.message}`)).join('; ');
    return { xml: `${open}>\n      <skipped message="${xmlAttr(message)}"/>\n      <system-out>${body}</system-out>\n    </testcase>`, outcome: 'skipped' };
  }
  // Findings below --fail-on: the test passes, and says what it saw.
  return { xml: `${open}>\n      <system-out>${body}</system-out>\n    </testcase>`, outcome: 'passed' };
}

/**
 * Renders the check as JUnit XML.
 *
 * - One `<testsuite>` per input file (named by the file as the user gave it, `<stdin>` for
 *   standard input; registries from a construct tree by their stack), and one `<testcase>`
 *   per registry and rule evaluated: `classname` is the registry address, `name` the rule id
 *   and name. A rule with no finding on the registry passes.
 * - `<failure type="SEVERITY">` for unsuppressed findings at or above `options.failOn`
 *   (`<error type="rule-error">` when the rule itself failed); findings below it pass with
 *   the finding in `<system-out>`.
 * - `<skipped>` when every finding of the case is suppressed (message: the reason) or
 *   could not be decided (an Unknown value).
 * - An input that could not be read is a `<testcase name="input can be read">` with an
 *   `<error type="input-error">` in its file's suite.
 *
 * Text is XML-escaped; characters XML 1.0 forbids (C0 controls) become their Unicode control
 * pictures, so any CI's XML parser reads the file.
 */
export function renderJunit(result: CheckResult, options: RenderOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const { report } = result;
  const byCase = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const k = `${registryKey(f.address, f.location)}\u0000${f.ruleId}`;
    const list = byCase.get(k) ?? [];
    list.push(f);
    byCase.set(k, list);
  }
  const suites = new Map<string, Case[]>();
  const suite = (name: string): Case[] => {
    const list = suites.get(name) ?? [];
    suites.set(name, list);
    return list;
  };
  for (const reg of checkedOf(result)) {
    const cases = suite(suiteOf(reg.location));
    for (const rule of report.rules) cases.push(testcase(rule, reg, byCase.get(`${registryKey(reg.address, reg.location)}\u0000${rule.id}`) ?? [], failOn));
  }
  for (const e of result.inputErrors ?? []) {
    const where = formatLocation(e.location);
    const xml = `    <testcase classname="${xmlAttr(e.location.file)}" name="input can be read" time="0">\n      <error message="${xmlAttr(e.reason)}" type="input-error">${xmlText(`${where}: ${e.reason}`)}</error>\n    </testcase>`;
    suite(e.location.file).push({ xml, outcome: 'error' });
  }
  const count = (cases: readonly Case[], o: Case['outcome']): number => cases.filter((c) => c.outcome === o).length;
  const all = [...suites.values()].flat();
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="acrkit check" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="0">`,
  ];
  let id = 0;
  for (const [name, cases] of suites) {
    out.push(`  <testsuite name="${xmlAttr(name)}" id="${id++}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" time="0">`);
    for (const c of cases) out.push(c.xml); // not push(...): a spread of 100k+ cases overflows the stack
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
