/**
 * SARIF 2.1.0 report for GitHub code scanning: rules with Markdown help,
 * `security-severity` and tags; results with repository-relative locations and
 * suppressions (`inSource` for comments and constructs, `external` for the config file).
 * `tool.driver` names acrkit's version and project page. Standard input (`-`) has no
 * artifact to point to: its results carry the logical location (the registry) only.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding } from '../../policy/finding.js';
import type { Rule, Severity } from '../../policy/rule.js';
import { isStdinName } from '../../sources/stdin.js';
import { ACRKIT_HOME, ACRKIT_VERSION } from '../../version.js';
import type { CheckResult, RenderOptions } from './check-result.js';
import { registryName } from '../names.js';

/** `security-severity` per severity (GitHub maps >= 7.0 to high, >= 4.0 to medium). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.0', info: '2.0' };

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

/** A repository-relative, posix-separated URI for `file`. */
export function artifactUri(file: string, cwd: string): string {
  const abs = isAbsolute(file) ? file : resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) return `file://${abs.split(sep).join('/')}`;
  return rel.split(sep).join('/');
}

function descriptor(rule: Rule): ReportingDescriptor {
  const refs = rule.references.map((r) => `- ${r.kind}: ${r.id}${r.title ? ` (${r.title})` : ''}`).join('\n');
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.info },
    fullDescription: { text: rule.explanation },
    help: { text: rule.explanation, markdown: `**${rule.info}**\n\n${rule.explanation}${refs ? `\n\nReferences:\n${refs}` : ''}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[rule.severity], tags: ['acrkit', rule.pack], precision: 'high' },
  };
}

function result(f: Finding, ruleIndex: number, cwd: string): Result {
  const loc = f.location;
  const r: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.status === 'unknown' ? 'note' : LEVEL[f.severity],
    kind: f.status === 'unknown' ? 'review' : 'fail',
    message: { text: `${registryName(f.address, loc)}: ${f.message}` },
    locations: [
      {
        ...(f.argument !== undefined
          ? { physicalLocation: { artifactLocation: { uri: artifactUri(f.argument.file, cwd) }, region: { startLine: f.argument.line } } }
          : loc.file !== undefined && !isStdinName(loc.file)
            ? { physicalLocation: { artifactLocation: { uri: artifactUri(loc.file, cwd) }, ...(loc.line !== undefined ? { region: { startLine: loc.line } } : {}) } }
            : {}),
        logicalLocations: [{ fullyQualifiedName: loc.constructPath ?? f.address, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'acrkitFinding/v1': createHash('sha256').update(`${f.ruleId}\u0000${registryName(f.address, loc)}\u0000${f.message}`).digest('hex').slice(0, 32) },
    properties: { status: f.status, pack: f.pack, address: f.address, ...(loc.pointer !== undefined ? { pointer: loc.pointer } : {}) },
  };
  if (f.suppressed) r.suppressions = [{ kind: f.suppression?.kind ?? 'external', justification: f.reason ?? '' }];
  return r;
}

/** Builds the SARIF log object. */
export function toSarif(check: CheckResult, options: RenderOptions = {}): Log {
  const cwd = options.cwd ?? process.cwd();
  const rules = check.report.rules;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'acrkit', version: ACRKIT_VERSION, semanticVersion: ACRKIT_VERSION, informationUri: ACRKIT_HOME, rules: rules.map(descriptor) } },
        results: check.report.findings.map((f) => result(f, index.get(f.ruleId) ?? -1, cwd)),
        invocations: [
          {
            executionSuccessful: (check.inputErrors ?? []).length === 0,
            toolExecutionNotifications: (check.inputErrors ?? []).map((e) => ({
              level: 'error' as const,
              message: { text: e.message },
              ...(isStdinName(e.location.file)
                ? {}
                : { locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(e.location.file, cwd) }, ...(e.location.line !== undefined ? { region: { startLine: e.location.line } } : {}) } }] }),
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** Renders the SARIF log as JSON. */
export function renderSarif(check: CheckResult, options: RenderOptions = {}): string {
  return JSON.stringify(toSarif(check, options), null, 2);
}
