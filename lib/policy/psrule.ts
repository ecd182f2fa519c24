/**
 * PSRule for Azure suppressions, honoured as suppressions of the acrkit rule the parity table
 * maps each PSRule rule to (lib/policy/parity.ts):
 *
 * - the `suppression` option of `ps-rule.yaml`: a map from rule name to the target names it
 *   skips, as a list or under `targetName`
 *   (https://microsoft.github.io/PSRule/v2/concepts/PSRule/en-US/about_PSRule_Options/#suppression,
 *   https://azure.github.io/PSRule.Rules.Azure/concepts/suppression/);
 * - suppression groups (`kind: SuppressionGroup` in `.ps-rule/*.Rule.yaml`): `spec.rule` (none:
 *   every rule), a condition `spec.if`, an optional `spec.expiresOn` and `spec.type`, the reason in
 *   a `# Synopsis:` comment
 *   (https://microsoft.github.io/PSRule/v2/concepts/PSRule/en-US/about_PSRule_SuppressionGroups/).
 *
 * A PSRule target name is the resource's Azure name: a registry is matched by its `name`
 * (case-insensitively, as Azure compares registry names). Pure: the workflow reads the files.
 */
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { InputError, type InputLocation } from '../errors.js';
import { preview } from '../format/values.js';
import { terminalText } from '../format/terminal.js';
import { nestingError } from '../input/depth.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown } from '../model/unknown.js';
import { PEER_CHECKS } from './parity.js';
import type { Suppression } from './suppressions.js';

// The YAML parser is loaded on first use: most checks have no PSRule files, and loading it
// costs tens of milliseconds of a `check` run. Its CommonJS build is what `import` loads too.
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}
const isMap = (n: unknown): n is YamlModule.YAMLMap => yaml().isMap(n);
const isScalar = (n: unknown): n is YamlModule.Scalar => yaml().isScalar(n);
const isSeq = (n: unknown): n is YamlModule.YAMLSeq => yaml().isSeq(n);

/** A PSRule file's text, with the path to show in messages. */
export interface PsRuleFile {
  /** Path as the user should read it. */
  readonly file: string;
  /** Its text. */
  readonly text: string;
}

/** Something a user should know that does not stop the run: an unknown rule, an expired group. */
export interface PsRuleWarning {
  /** Where. */
  readonly location: InputLocation;
  /** What, and what to do. */
  readonly message: string;
}

/** One suppression read from a PSRule file, not yet matched to registries. */
export interface PsRuleSuppression {
  /** The PSRule rule names as written (empty: every rule of a group). */
  readonly psRules: readonly string[];
  /** The acrkit rules they map to. */
  readonly rules: readonly string[];
  /** Why (the comment next to it, or the group's synopsis). */
  readonly reason: string;
  /** `file:line`, for reports. */
  readonly origin: string;
  /** Where it is written. */
  readonly location: InputLocation;
  /**
   * Target names it applies to (the `suppression` option).
   * @default - a group: see `condition`
   */
  readonly targets?: readonly string[];
  /**
   * A group's condition (`spec.if`).
   * @default - none: an option entry
   */
  readonly condition?: unknown;
  /**
   * A group's name (`metadata.name`).
   * @default - none: an option entry
   */
  readonly group?: string;
  /**
   * A group's target types (`spec.type`).
   * @default - any type
   */
  readonly types?: readonly string[];
  /**
   * When a group stops applying (`spec.expiresOn`).
   * @default - never
   */
  readonly expiresOn?: Date;
}

/** The names PSRule reads its options from, first match wins (about_PSRule_Options). */
export const PSRULE_OPTION_FILES: readonly string[] = ['ps-rule.yaml', 'ps-rule.yml', 'psrule.yaml', 'psrule.yml'];

/** The folder PSRule reads local rules and suppression groups from. */
export const PSRULE_RULE_DIR = '.ps-rule';

/** Whether a file in `.ps-rule/` holds YAML resources acrkit reads. */
export function isPsRuleResourceFile(name: string): boolean {
  return /\.rule\.ya?ml$/i.test(name);
}

const REGISTRY_TYPE = 'Microsoft.ContainerRegistry/registries';

/** A name from a PSRule file as a message shows it: control characters escaped, one line, cut. */
function shown(s: string): string {
  const t = terminalText(s.replace(/\s+/g, ' '));
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
const MODULE_PREFIX = /^PSRule\.Rules\.Azure\\/i;
const ACR_PREFIX = /^Azure\.ACR\./i;
const REFERENCE_ID = /^AZR-\d{6}$/i;

/** The PSRule rules the parity table maps to an acrkit rule, and every PSRule ACR rule it knows. */
function mapping(): { byId: Map<string, string | undefined>; ids: string[] } {
  const byId = new Map<string, string | undefined>();
  for (const p of PEER_CHECKS) if (p.tool === 'psrule') byId.set(p.id.toLowerCase(), p.rule);
  return { byId, ids: PEER_CHECKS.filter((p) => p.tool === 'psrule').map((p) => p.id) };
}

/** Longest name a "did you mean" is computed for. */
const MAX_GUESS_LENGTH = 100;

/** The closest known PSRule id to `id`, for a "did you mean". */
function closest(id: string, ids: readonly string[]): string | undefined {
  // A name far longer than any rule name is no typo of one (and costs length^2 to compare).
  if (id.length > MAX_GUESS_LENGTH) return undefined;
  const d = (a: string, b: string): number => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    const row = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= y.length; j++) {
        const cur = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (x[i - 1] === y[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[y.length]!;
  };
  let best: { id: string; d: number } | undefined;
  for (const k of ids) {
    // The distance is at least the difference in length: skip a name that cannot be close.
    if (Math.abs(k.length - id.length) > 4) continue;
    const dist = d(id, k);
    if (!best || dist < best.d) best = { id: k, d: dist };
  }
  return best && best.d <= 4 ? best.id : undefined;
}

/**
 * The acrkit rules a PSRule rule name maps to: `[]` for a rule of another service or one acrkit
 * decides differently (the parity table says why), `undefined` for an `Azure.ACR.*` name the
 * table does not know (a warning: probably a typo or a newer rule).
 */
function rulesFor(name: string): string[] | undefined {
  const id = name.replace(MODULE_PREFIX, '');
  const { byId } = mapping();
  if (byId.has(id.toLowerCase())) {
    const r = byId.get(id.toLowerCase());
    return r ? [r] : [];
  }
  // A reference id (AZR-000001) may name an ACR rule: acrkit cannot tell, so it says so.
  return ACR_PREFIX.test(id) || REFERENCE_ID.test(id) ? undefined : [];
}

function unknownRuleWarning(name: string, location: InputLocation): PsRuleWarning {
  const guess = closest(name.replace(MODULE_PREFIX, ''), mapping().ids);
  return {
    location,
    message: `PSRule rule name must be one acrkit maps (see docs/rules.md, "Parity"), got '${shown(name)}': ${REFERENCE_ID.test(name) ? 'write the rule name (Azure.ACR.<Name>) instead of its reference id; ' : guess ? `did you mean '${guess}'? ` : ''}the suppression is not applied to any acrkit rule.`,
  };
}

/** Longest reason kept from a comment; a longer one is cut with an ellipsis. */
export const MAX_REASON_LENGTH = 500;

/** Most target names read from the `suppression` option of one file (the rest are ignored, with a warning). */
export const MAX_PSRULE_TARGETS = 1000;

/** `text` cut to {@link MAX_REASON_LENGTH} characters, with an ellipsis when cut. */
function capped(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 3)}...` : text;
}

const COMMENT_LINE = /^\s*#\s?(.*?)\s*$/;

/** Line helpers over one file's text. Reasons are memoised per line and cut to {@link MAX_REASON_LENGTH}. */
class Lines {
  readonly lines: string[];
  readonly counter = new (yaml().LineCounter)();
  private readonly aboveCache = new Map<number, string | undefined>();
  private readonly belowCache = new Map<number, string | undefined>();
  private readonly trailingCache = new Map<number, string | undefined>();
  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }
  /** 1-based line of a node. */
  lineOf(node: YamlNode | null | undefined): number {
    const at = node?.range?.[0];
    return at === undefined ? 1 : this.counter.linePos(at).line;
  }
  /** The comment lines directly above `line` (1-based), joined, or undefined. */
  above(line: number): string | undefined {
    if (this.aboveCache.has(line)) return this.aboveCache.get(line);
    let start = line - 1;
    while (start > 0 && COMMENT_LINE.test(this.lines[start - 1]!)) start--;
    const text = this.join(start, line - 1);
    this.aboveCache.set(line, text);
    return text;
  }
  /** The comment lines directly below `line`, or undefined. */
  below(line: number): string | undefined {
    if (this.belowCache.has(line)) return this.belowCache.get(line);
    let end = line;
    while (end < this.lines.length && COMMENT_LINE.test(this.lines[end]!)) end++;
    const text = this.join(line, end);
    this.belowCache.set(line, text);
    return text;
  }
  /** The comments of lines [from, to) (0-based) joined, read only as far as the cap needs. */
  private join(from: number, to: number): string | undefined {
    let text = '';
    for (let i = from; i < to && text.length <= MAX_REASON_LENGTH + 1; i++) {
      const part = COMMENT_LINE.exec(this.lines[i]!)![1]!;
      text = text ? `${text} ${part}` : part;
    }
    text = capped(text.trim());
    return text || undefined;
  }
  /** A `# comment` at the end of `line` (after a plain value), or undefined. */
  trailing(line: number): string | undefined {
    if (this.trailingCache.has(line)) return this.trailingCache.get(line);
    const m = /^[^#'"]*\S\s+#\s?(.*?)\s*$/.exec(this.lines[line - 1] ?? '');
    const text = m?.[1] ? capped(m[1]) : undefined;
    this.trailingCache.set(line, text);
    return text;
  }
}

/** The first YAML error of a document as an input error at its line, or undefined. */
function yamlError(doc: Document, file: string, lines: Lines, what: string): InputError | undefined {
  const e = doc.errors[0];
  if (!e) return undefined;
  const line = e.linePos?.[0]?.line ?? (e.pos?.[0] !== undefined ? lines.counter.linePos(e.pos[0]).line : 1);
  return new InputError({ file, line }, `${what} must be valid YAML, got ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}: fix the YAML at this line (PSRule reads the same file).`);
}

function str(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/**
 * The `suppression` option of a `ps-rule.yaml`. Malformed YAML or a malformed `suppression`
 * value is an input error at its line; an `Azure.ACR.*` rule the parity table does not know is
 * a warning; rules of other services are PSRule's business and are left alone.
 */
export function parsePsRuleOptions(f: PsRuleFile, errors: InputError[], warnings: PsRuleWarning[]): PsRuleSuppression[] {
  const deep = nestingError(f.text, { shown: f.file, what: 'a PSRule options file', fix: 'write the suppression option in block style', syntax: 'yaml' });
  if (deep) {
    errors.push(deep);
    return [];
  }
  const lines = new Lines(f.text);
  const doc = yaml().parseDocument(f.text, { lineCounter: lines.counter });
  const bad = yamlError(doc, f.file, lines, 'a PSRule options file');
  if (bad) {
    errors.push(bad);
    return [];
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isMap(root)) {
    errors.push(new InputError({ file: f.file, line: lines.lineOf(root) }, `a PSRule options file must be a YAML map of options, got ${isSeq(root) ? 'a list' : 'a single value'}: write options such as suppression: { <rule>: [<target>, ...] } at the top level.`));
    return [];
  }
  const pair = root.items.find((p) => str(p.key) === 'suppression');
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return [];
  const value = pair.value as YamlNode;
  if (!isMap(value)) {
    errors.push(new InputError({ file: f.file, line: lines.lineOf(value) }, `suppression in a PSRule options file must be a map from rule name to target names, got ${isSeq(value) ? 'a list' : `'${shown(str(value) ?? 'a value')}'`}: write suppression: { Azure.ACR.AdminUser: [<registry name>] }.`));
    return [];
  }
  const out: PsRuleSuppression[] = [];
  let read = 0;
  let dropped = 0;
  for (const entry of value.items) {
    const name = str(entry.key);
    const keyLine = lines.lineOf(entry.key as YamlNode);
    const location = { file: f.file, line: keyLine };
    if (name === undefined) {
      errors.push(new InputError(location, 'suppression keys in a PSRule options file must be rule names, got a non-text key: write the rule name, e.g. Azure.ACR.AdminUser.'));
      continue;
    }
    // The targets: a list, or { targetName: [...] } (the long form).
    let list: unknown = entry.value;
    let items: unknown[] | undefined;
    if (isMap(list)) {
      const t = list.items.find((p) => str(p.key)?.toLowerCase() === 'targetname');
      list = t ? t.value : undefined;
    }
    if (list === null || (isScalar(list) && list.value === null)) continue;
    if (isSeq(list)) items = list.items;
    else if (isScalar(list)) items = [list];
    const targets: Array<{ name: string; line: number }> = [];
    let malformed = items === undefined;
    for (const it of items ?? []) {
      const t = str(it);
      if (t === undefined) malformed = true;
      else targets.push({ name: t, line: lines.lineOf(it as YamlNode) });
    }
    if (malformed) {
      errors.push(new InputError({ file: f.file, line: items === undefined && list !== undefined ? lines.lineOf(list as YamlNode) : keyLine }, `suppression.${shown(name)} in a PSRule options file must list target names, got ${isMap(entry.value) ? 'a map without a targetName list' : 'something else'}: write ${shown(name)}: [<registry name>] (or ${shown(name)}: { targetName: [<registry name>] }).`));
      continue;
    }
    const rules = rulesFor(name);
    if (rules === undefined) {
      warnings.push(unknownRuleWarning(name, location));
      continue;
    }
    if (rules.length === 0) continue;
    const keyReason = lines.trailing(keyLine) ?? lines.above(keyLine) ?? lines.below(keyLine);
    for (const t of targets) {
      if (read >= MAX_PSRULE_TARGETS) {
        dropped++;
        continue;
      }
      read++;
      const why = lines.trailing(t.line) ?? lines.above(t.line) ?? keyReason;
      out.push({
        psRules: [name],
        rules,
        targets: [t.name],
        reason: `${why ?? 'suppressed in ps-rule.yaml'} (PSRule ${name})`,
        origin: `${f.file}:${t.line}`,
        location: { file: f.file, line: t.line },
      });
    }
  }
  if (dropped > 0) {
    warnings.push({
      location: { file: f.file, line: lines.lineOf(value) },
      message: `the suppression option of a PSRule options file must list at most ${MAX_PSRULE_TARGETS} target names for acrkit, got ${read + dropped}: the first ${MAX_PSRULE_TARGETS} are applied, the other ${dropped} are not; use a suppression group (.ps-rule/*.Rule.yaml) with a condition instead.`,
    });
  }
  return out;
}

/**
 * The suppression groups of one `.ps-rule/*.Rule.yaml` file (other resources in it, such as
 * rules and baselines, are PSRule's). A malformed group is an input error at its line; an
 * unknown `Azure.ACR.*` rule a warning.
 */
export function parseSuppressionGroups(f: PsRuleFile, errors: InputError[], warnings: PsRuleWarning[]): PsRuleSuppression[] {
  const deep = nestingError(f.text, { shown: f.file, what: 'a PSRule resource file', fix: 'write the conditions in block style, nested less deeply', syntax: 'yaml' });
  if (deep) {
    errors.push(deep);
    return [];
  }
  const lines = new Lines(f.text);
  const docs = yaml().parseAllDocuments(f.text, { lineCounter: lines.counter });
  if (!Array.isArray(docs)) return [];
  const out: PsRuleSuppression[] = [];
  for (const doc of docs) {
    const bad = yamlError(doc, f.file, lines, 'a PSRule resource file');
    if (bad) {
      errors.push(bad);
      return out;
    }
    const root = doc.contents;
    if (!isMap(root)) continue;
    let json: Record<string, unknown>;
    try {
      json = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    } catch (e) {
      // An alias bomb (more aliases than maxAliasCount) or a cyclic alias.
      errors.push(new InputError({ file: f.file, line: lines.lineOf(root) }, `a PSRule resource file must be plain YAML, got ${e instanceof Error ? shown(e.message) : 'a document that cannot be read'}: write the values out instead of using aliases.`));
      return out;
    }
    if (json.kind !== 'SuppressionGroup') continue;
    const at = (path: string): number => {
      const node = doc.getIn(path.split('.'), true) as YamlNode | undefined;
      return node ? lines.lineOf(node) : lines.lineOf(root.items.find((p) => str(p.key) === 'kind')?.key as YamlNode);
    };
    // The group is where its name is written.
    const line = at('metadata.name');
    const meta = typeof json.metadata === 'object' && json.metadata !== null && !Array.isArray(json.metadata) ? (json.metadata as Record<string, unknown>) : undefined;
    const name = typeof meta?.name === 'string' ? meta.name : undefined;
    const spec = json.spec as Record<string, unknown> | undefined;
    const fail = (where: string, what: string, fix: string): void => {
      errors.push(new InputError({ file: f.file, line: at(where) }, `suppression group ${shown(name ?? '(no name)')}: ${what}: ${fix}.`));
    };
    if (name === undefined) {
      fail('metadata', `metadata.name must be text, got ${meta === undefined ? preview(json.metadata) : preview(meta.name)}`, 'give the group a name (metadata: { name: Local.MyGroup })');
      continue;
    }
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      fail('spec', 'spec must be a map, got none', 'write spec: { rule: [...], if: { ... } }');
      continue;
    }
    const rawRules = spec.rule ?? [];
    if (!Array.isArray(rawRules) || rawRules.some((r) => typeof r !== 'string')) {
      fail('spec.rule', `spec.rule must be a list of rule names, got ${preview(rawRules)}`, 'write rule: [Azure.ACR.AdminUser]');
      continue;
    }
    const cond = spec.if;
    if (typeof cond !== 'object' || cond === null || Array.isArray(cond) || Object.keys(cond).length === 0) {
      fail('spec', `spec.if must be a condition, got ${cond === undefined ? 'none' : preview(cond)}`, 'write if: { name: ".", equals: <registry name> } or another PSRule expression');
      continue;
    }
    let expiresOn: Date | undefined;
    if (spec.expiresOn !== undefined && spec.expiresOn !== null) {
      const d = spec.expiresOn instanceof Date ? spec.expiresOn : new Date(String(spec.expiresOn));
      if (Number.isNaN(d.getTime())) {
        fail('spec.expiresOn', `spec.expiresOn must be a date and time, got ${preview(String(spec.expiresOn))}`, 'write it as yyyy-MM-ddTHH:mm:ssZ');
        continue;
      }
      expiresOn = d;
    }
    const types = spec.type === undefined ? undefined : Array.isArray(spec.type) ? spec.type.map(String) : [String(spec.type)];
    const synopsis = [doc.commentBefore, root.commentBefore].map((c) => (c ? /Synopsis:\s*(.+)/i.exec(c)?.[1]?.trim() : undefined)).find((x) => x);
    const synopsisShown = synopsis === undefined ? undefined : capped(synopsis);
    const location = { file: f.file, line };
    let rules: string[];
    if (rawRules.length === 0) {
      // No rule named: every rule, which for acrkit is every rule a PSRule rule maps to.
      rules = [...new Set(PEER_CHECKS.filter((p) => p.tool === 'psrule' && p.rule).map((p) => p.rule!))];
    } else {
      rules = [];
      for (const r of rawRules as string[]) {
        const mapped = rulesFor(r);
        if (mapped === undefined) warnings.push(unknownRuleWarning(r, { file: f.file, line: at('spec.rule') }));
        else for (const m of mapped) if (!rules.includes(m)) rules.push(m);
      }
      if (rules.length === 0) continue;
    }
    out.push({
      psRules: rawRules as string[],
      rules,
      condition: cond,
      group: name,
      ...(types ? { types } : {}),
      ...(expiresOn ? { expiresOn } : {}),
      reason: `${synopsisShown ?? `suppression group ${capped(name)}`} (PSRule suppression group ${name})`,
      origin: `${f.file}:${line}`,
      location,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** A condition's outcome: decided, not decidable (an Unknown value), or not something acrkit evaluates. */
type Outcome = true | false | { readonly unknown: string } | { readonly unsupported: string };

const OPERATORS = new Set(['equals', 'notEquals', 'in', 'notIn', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'exists', 'hasValue']);

/** The registry as the PSRule target object the condition reads (the fields acrkit can fill). */
function targetOf(spec: RegistrySpec): Record<string, unknown> {
  return {
    name: spec.name,
    type: REGISTRY_TYPE,
    location: spec.location,
    resourceGroupName: spec.resourceGroupName,
    tags: spec.tags,
    sku: { name: spec.tier, tier: spec.tier },
  };
}

/** A field of the target, case-insensitively: the value, `undefined` when absent, or the Unknown. */
function fieldOf(target: Record<string, unknown>, path: string): { value: unknown } | { unsupported: string } {
  const parts = path.split('.');
  if (!['name', 'type', 'location', 'resourcegroupname', 'tags', 'sku'].includes(parts[0]!.toLowerCase())) {
    return { unsupported: `field '${shown(path)}' (acrkit reads name, type, location, resourceGroupName, tags.<key> and sku.name)` };
  }
  let v: unknown = target;
  for (const p of parts) {
    if (isUnknown(v)) return { value: v };
    if (typeof v !== 'object' || v === null) return { value: undefined };
    const key = Object.keys(v).find((k) => k.toLowerCase() === p.toLowerCase());
    v = key === undefined ? undefined : (v as Record<string, unknown>)[key];
  }
  return { value: v };
}

function evalCondition(c: unknown, target: Record<string, unknown>): Outcome {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return { unsupported: `condition ${preview(c)}` };
  const o = c as Record<string, unknown>;
  const all = (list: unknown, any: boolean): Outcome => {
    if (!Array.isArray(list) || list.length === 0) return { unsupported: `${any ? 'anyOf' : 'allOf'} without a list` };
    const rs = list.map((x) => evalCondition(x, target));
    const stop = rs.find((r) => r === any);
    if (stop !== undefined) return any;
    const other = rs.find((r) => typeof r === 'object' && 'unsupported' in r) ?? rs.find((r) => typeof r === 'object');
    return other ?? !any;
  };
  if ('allOf' in o) return all(o.allOf, false);
  if ('anyOf' in o) return all(o.anyOf, true);
  if ('not' in o) {
    const r = evalCondition(o.not, target);
    return typeof r === 'boolean' ? !r : r;
  }
  let subject: { value: unknown } | { unsupported: string };
  if (typeof o.field === 'string') subject = fieldOf(target, o.field);
  else if (o.name === '.') subject = { value: target.name };
  else if (o.type === '.') subject = { value: target.type };
  else return { unsupported: `condition ${preview(o)} (acrkit reads field, name: '.' and type: '.')` };
  if ('unsupported' in subject) return subject;
  const ops = Object.keys(o).filter((k) => OPERATORS.has(k));
  const extra = Object.keys(o).filter((k) => !OPERATORS.has(k) && !['field', 'name', 'type', 'caseSensitive'].includes(k));
  if (ops.length !== 1 || extra.length > 0) return { unsupported: `operator ${shown([...ops, ...extra].join(', ')) || '(none)'} (acrkit evaluates ${[...OPERATORS].join(', ')})` };
  const op = ops[0]!;
  const v = subject.value;
  if (isUnknown(v)) return { unknown: v.reason };
  const cs = o.caseSensitive === true;
  const norm = (x: unknown): string => (cs ? String(x) : String(x).toLowerCase());
  const arg = o[op];
  const args = (Array.isArray(arg) ? arg : [arg]).map(norm);
  const present = v !== undefined && v !== null;
  const text = present && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') ? norm(v) : undefined;
  switch (op) {
    case 'exists':
      return present === (arg === true);
    case 'hasValue':
      return (present && v !== '') === (arg === true);
    case 'equals':
      return text !== undefined && text === norm(arg);
    case 'notEquals':
      return text === undefined || text !== norm(arg);
    case 'in':
      return text !== undefined && args.includes(text);
    case 'notIn':
      return text === undefined || !args.includes(text);
    case 'startsWith':
      return text !== undefined && args.some((a) => text.startsWith(a));
    case 'notStartsWith':
      return text === undefined || !args.some((a) => text.startsWith(a));
    case 'endsWith':
      return text !== undefined && args.some((a) => text.endsWith(a));
    case 'notEndsWith':
      return text === undefined || !args.some((a) => text.endsWith(a));
    case 'contains':
      return text !== undefined && args.some((a) => text.includes(a));
    default:
      return text === undefined || !args.some((a) => text.includes(a));
  }
}

/** Options of {@link psRuleSuppressionsFor}. */
export interface MatchOptions {
  /** The time a group's `expiresOn` is compared with. */
  readonly now: Date;
}

/**
 * The acrkit suppressions `entries` make for `spec` (each scoped to that registry and its file),
 * with a warning for each entry that cannot be decided (the name or a field is not known
 * statically, a condition acrkit does not evaluate) or has expired. Never a guess: an entry it
 * cannot decide is not applied.
 */
export function psRuleSuppressionsFor(entries: readonly PsRuleSuppression[], spec: RegistrySpec, opts: MatchOptions, warnings: PsRuleWarning[]): Suppression[] {
  const out: Suppression[] = [];
  const scope = {
    address: spec.source.constructPath ?? spec.address,
    ...(spec.source.file !== undefined ? { file: spec.source.file } : {}),
  };
  const add = (e: PsRuleSuppression): void => {
    for (const id of e.rules) out.push({ id, reason: e.reason, ...scope, kind: 'external', origin: e.origin });
  };
  const target = targetOf(spec);
  for (const e of entries) {
    if (e.targets) {
      if (isUnknown(spec.name)) {
        warnings.push({ location: e.location, message: `cannot match PSRule suppression of ${shown(e.psRules.join(', '))} with ${spec.address}: its name is not known statically, got (unknown: ${spec.name.reason}); the suppression is not applied to it.` });
        continue;
      }
      const name = spec.name.toLowerCase();
      if (e.targets.some((t) => t.toLowerCase() === name)) add(e);
      continue;
    }
    if (e.types && !e.types.some((t) => t.toLowerCase() === REGISTRY_TYPE.toLowerCase())) continue;
    const r = evalCondition(e.condition, target);
    if (r === false) continue;
    if (r !== true) {
      const why = 'unsupported' in r ? `it uses ${r.unsupported}` : `a value it reads is not known statically (${r.unknown})`;
      warnings.push({ location: e.location, message: `cannot decide whether suppression group ${shown(e.group ?? '')} applies to ${spec.address}: ${why}; the group is not applied to it.` });
      continue;
    }
    if (e.expiresOn && e.expiresOn.getTime() <= opts.now.getTime()) {
      warnings.push({ location: e.location, message: `suppression group ${shown(e.group ?? '')} expired on ${e.expiresOn.toISOString()}, got a match with ${spec.address}: it is not applied; renew spec.expiresOn or fix the finding.` });
      continue;
    }
    add(e);
  }
  return out;
}
