/**
 * JSON report: `{ findings: [...], summary: {...}, inputErrors: [...] }`.
 */
import type { Finding, FindingLocation, FindingSummary } from '../../policy/finding.js';
import type { CheckResult } from './check-result.js';

/** One finding in the JSON report: the finding without its rule name and suppression origin. */
export type JsonFinding = Pick<Finding, 'ruleId' | 'pack' | 'severity' | 'status' | 'address' | 'message' | 'location' | 'argument' | 'suppressed' | 'reason'>;

/** The JSON report document. */
export interface JsonReport {
  /** Findings. */
  readonly findings: readonly JsonFinding[];
  /** Counts. */
  readonly summary: FindingSummary;
  /** Inputs that could not be read: file, line or pointer, reason. */
  readonly inputErrors: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly pointer?: string; readonly reason: string }>;
}

/**
 * One finding as the JSON reports write it. {@link renderJsonParts} writes the same keys in the
 * same order by hand (FindingWriter below): a key added here is added there too
 * (test/report/check-json-writer.test.ts compares the two).
 */
export function toJsonFinding(f: Finding): JsonFinding {
  // Most findings have neither an argument nor a reason: one literal, no spreads (this runs once
  // a finding, tens of thousands of times for a large plan).
  if (f.argument === undefined && f.reason === undefined) {
    return { ruleId: f.ruleId, pack: f.pack, severity: f.severity, status: f.status, address: f.address, message: f.message, location: f.location, suppressed: f.suppressed };
  }
  return {
    ruleId: f.ruleId,
    pack: f.pack,
    severity: f.severity,
    status: f.status,
    address: f.address,
    message: f.message,
    location: f.location,
    ...(f.argument !== undefined ? { argument: f.argument } : {}),
    suppressed: f.suppressed,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
  };
}

/** Builds the JSON report object. */
export function toJsonReport(result: CheckResult): JsonReport {
  return {
    findings: result.report.findings.map(toJsonFinding),
    summary: result.report.summary,
    inputErrors: (result.inputErrors ?? []).map((e) => ({ ...e.location, reason: e.reason })),
  };
}

/** Renders the JSON report (2-space indented). */
export function renderJson(result: CheckResult): string {
  return JSON.stringify(toJsonReport(result), null, 2);
}

/**
 * Findings a part of {@link renderJsonParts} holds: about 40 KB of text. A part stays well under
 * the size V8 allocates outside the young generation (128 KB): larger parts, each a long-lived
 * allocation as far as the collector knows, made the whole write several times slower.
 */
export const JSON_PART_FINDINGS = 64;

/** What `JSON.stringify({ findings: [x, ...] }, null, 2)` writes before the first finding. */
const OPEN = '{\n  "findings": [\n';

/**
 * The text of {@link renderJson}, byte for byte, in parts of {@link JSON_PART_FINDINGS} findings
 * each, made as they are asked for: a report of tens of thousands of findings (tens of megabytes)
 * is never one string, so it is written while later parts are still to be made and each part is
 * garbage once written. The findings are written by hand, as `JSON.stringify(report, null, 2)`
 * writes them (no copy of each finding for {@link toJsonFinding}, no document a part): a plan's
 * findings share their location object (written once) and their short strings (rule id, pack).
 * @param perPart findings a part holds
 * @default perPart JSON_PART_FINDINGS
 */
export function* renderJsonParts(result: CheckResult, perPart = JSON_PART_FINDINGS): Generator<string, void, undefined> {
  const findings = result.report.findings;
  const rest = { summary: result.report.summary, inputErrors: (result.inputErrors ?? []).map((e) => ({ ...e.location, reason: e.reason })) };
  if (findings.length === 0) {
    yield JSON.stringify({ findings: [], ...rest }, null, 2);
    return;
  }
  const writer = new FindingWriter();
  const step = Math.max(1, Math.floor(perPart));
  for (let i = 0; i < findings.length; i += step) {
    writer.add(i === 0 ? OPEN : ',\n');
    const end = Math.min(findings.length, i + step);
    for (let k = i; k < end; k++) {
      if (k !== i) writer.add(',\n');
      writer.finding(findings[k]!);
    }
    yield writer.part();
  }
  // `{\n  "summary": ...}` without its `{\n`, after the findings' closing bracket.
  yield `\n  ],\n${JSON.stringify(rest, null, 2).slice(2)}`;
}

/** Indentation of a finding in the report's `findings` list. */
const FINDING_INDENT = '    ';

/** The text of a finding from its `ruleId` to its `status` key, for one combination of them. */
interface Head {
  readonly pack: string;
  readonly severity: string;
  readonly status: string;
  readonly text: string;
}

/**
 * Writes findings as `JSON.stringify` indents them in the report (4 spaces, keys at 6) in a few
 * pieces each: what findings repeat (a rule's id, pack, severity and status; a registry's
 * address and location) is made once, the rest (the message) quoted by JSON.stringify.
 */
class FindingWriter {
  private lastLocation: FindingLocation | undefined;
  private lastLocationText = '';
  private lastAddress: string | undefined;
  private lastAddressText = '';
  private readonly heads = new Map<string, Head>();
  // The pieces of the part being written, joined once: `+=` would make a rope of a few thousand
  // pieces that the write then flattens (slower than JSON.stringify itself). One array for every
  // part, written by index: emptied and grown again a part, it made as much garbage as the text.
  private readonly pieces: string[] = [];
  private count = 0;
  // Slots before this may hold a piece of an earlier part; none after it does.
  private filled = 0;

  /** Adds `s` to the part. */
  add(s: string): void {
    this.pieces[this.count++] = s;
  }

  /** The text of the part written since the last call. */
  part(): string {
    const pieces = this.pieces;
    // Pieces of a longer part before: empty strings, which join adds nothing for.
    for (let i = this.count; i < this.filled; i++) pieces[i] = '';
    this.filled = this.count;
    this.count = 0;
    return pieces.join('');
  }

  private readonly messages = new Map<string, string>();

  /** A message as a JSON string: most recur on every registry of a large input. */
  private quote(message: string): string {
    let q = this.messages.get(message);
    if (q === undefined) {
      q = JSON.stringify(message);
      if (this.messages.size < 10000) this.messages.set(message, q);
    }
    return q;
  }

  /** Adds one finding of the report (without the comma between findings) to the part. */
  finding(f: Finding): void {
    const { ruleId, pack, severity, status, address, message, location, argument, suppressed, reason } = f;
    if (
      typeof ruleId !== 'string' || typeof pack !== 'string' || typeof severity !== 'string' || typeof status !== 'string' ||
      typeof address !== 'string' || typeof message !== 'string' || typeof suppressed !== 'boolean' || !isPlainData(location) ||
      (argument !== undefined && !isPlainData(argument)) || (reason !== undefined && typeof reason !== 'string')
    ) {
      // Not the shape findings have: whatever JSON.stringify makes of it.
      this.add(FINDING_INDENT);
      this.add(nested(toJsonFinding(f), FINDING_INDENT));
      return;
    }
    let head = this.heads.get(ruleId);
    if (head === undefined || head.pack !== pack || head.severity !== severity || head.status !== status) {
      const text = flat(['    {\n      "ruleId": ', JSON.stringify(ruleId), ',\n      "pack": ', JSON.stringify(pack), ',\n      "severity": ', JSON.stringify(severity), ',\n      "status": ', JSON.stringify(status), ',\n      "address": ']);
      head = { pack, severity, status, text };
      this.heads.set(ruleId, head);
    }
    if (address !== this.lastAddress) {
      this.lastAddress = address;
      this.lastAddressText = flat([JSON.stringify(address), ',\n      "message": ']);
    }
    if (location !== this.lastLocation) {
      this.lastLocation = location;
      this.lastLocationText = flat([',\n      "location": ', nested(location, '      ')]);
    }
    this.add(head.text);
    this.add(this.lastAddressText);
    this.add(this.quote(message));
    this.add(this.lastLocationText);
    if (argument !== undefined) this.add(`,\n      "argument": ${nested(argument, '      ')}`);
    if (reason !== undefined) this.add(`${suppressed ? ',\n      "suppressed": true,\n      "reason": ' : ',\n      "suppressed": false,\n      "reason": '}${JSON.stringify(reason)}\n    }`);
    else this.add(suppressed ? ',\n      "suppressed": true\n    }' : ',\n      "suppressed": false\n    }');
  }
}

/**
 * The pieces as one string in one piece of memory: what `+` makes of long strings is a tree
 * of them, walked again each time it is copied into a part (a finding's rule, address and
 * location texts are copied for many findings).
 */
function flat(pieces: readonly string[]): string {
  return pieces.join('');
}

/** Whether `v` is an object JSON.stringify writes key by key (no toJSON), so that {@link nested} may too. */
function isPlainData(v: unknown): v is object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * `v` as `JSON.stringify(v, null, 2)` writes it as a value nested at `indent` (its lines after
 * the first indented by `indent` more). A flat object of strings and numbers (a location) is
 * written here; anything else by JSON.stringify, re-indented (every newline JSON.stringify
 * writes is one of its own: newlines inside strings are escaped).
 */
function nested(v: unknown, indent: string): string {
  if (isPlainData(v)) {
    const o = v as Record<string, unknown>;
    const out: string[] = [];
    const inner = `\n${indent}  `;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = o[k];
      let t: string;
      if (typeof x === 'string') t = JSON.stringify(x);
      else if (typeof x === 'number') t = Number.isFinite(x) ? String(x) : 'null';
      else if (typeof x === 'boolean') t = x ? 'true' : 'false';
      else if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      else return whole(v, indent);
      out.push(out.length === 0 ? '{' : ',', inner, JSON.stringify(k), ': ', t);
    }
    if (out.length === 0) return '{}';
    out.push('\n', indent, '}');
    return out.join('');
  }
  return whole(v, indent);
}

/** `JSON.stringify(v, null, 2)` nested at `indent`. */
function whole(v: unknown, indent: string): string {
  const text = JSON.stringify(v, null, 2);
  return text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
}
