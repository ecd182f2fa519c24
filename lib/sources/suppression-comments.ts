/**
 * In-source suppressions in `.tf` files: `# acrkit:ignore <RULE-ID> <reason>` (or `//`)
 * inside a resource block or in the comment lines directly above it, and Checkov's own
 * `#checkov:skip=<CKV_ID>:<reason>` there, which suppresses the acrkit rule the parity table
 * maps that Checkov check to (the mapping is the policy layer's: lib/workflows/check.ts).
 */

/** One suppression written next to the resource it applies to. */
export interface SourceSuppression {
  /** Rule id, e.g. `ACR-SEC-001`. */
  readonly ruleId: string;
  /** Why the finding is accepted (may be empty; the policy engine rejects short reasons). */
  readonly reason: string;
  /** Address of the resource the comment belongs to. */
  readonly address: string;
  /** File holding the comment. */
  readonly file: string;
  /** 1-based line of the comment. */
  readonly line: number;
  /**
   * The tool whose comment it is: `checkov` when `ruleId` is a Checkov id to map.
   * @default 'acrkit'
   */
  readonly tool?: 'acrkit' | 'checkov';
}

const IGNORE = /^\s*(?:#|\/\/)\s*acrkit:ignore\s+(\S+)\s*(.*?)\s*$/;
const CHECKOV_SKIP = /^\s*(?:#|\/\/)\s*checkov:skip=([A-Za-z0-9_]+)(?::\s*(.*?))?\s*$/;

/** An `acrkit:ignore` or `checkov:skip` comment on one line, or undefined. */
function parseComment(l: string, line: number): { ruleId: string; reason: string; line: number; tool?: 'checkov' } | undefined {
  const m = IGNORE.exec(l);
  if (m) return { ruleId: m[1]!, reason: m[2]!, line };
  const c = CHECKOV_SKIP.exec(l);
  return c ? { ruleId: c[1]!, reason: c[2] ?? '', line, tool: 'checkov' } : undefined;
}

/** The 1-based line of `resource "<type>" "<name>"` in `text`. */
export function resourceLine(text: string, type: string, name: string): number | undefined {
  const re = new RegExp(`^\\s*resource\\s+"${escape(type)}"\\s+"${escape(name)}"`, 'm');
  const m = re.exec(text);
  if (!m) return undefined;
  return text.slice(0, m.index + m[0].length - m[0].trimStart().length).split('\n').length;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let lastText: string | undefined;
let lastLines: string[] = [];

/** Suppression comments of the resource starting at `line` (inside it or directly above). */
export function commentsFor(text: string, line: number): Array<{ ruleId: string; reason: string; line: number; tool?: 'checkov' }> {
  if (!text.includes('acrkit:ignore') && !text.includes('checkov:skip')) return [];
  // A file holds many resources: split it once.
  if (text !== lastText) {
    lastText = text;
    lastLines = text.split('\n');
  }
  const lines = lastLines;
  const out: Array<{ ruleId: string; reason: string; line: number; tool?: 'checkov' }> = [];
  // Directly above: the contiguous comment lines before the resource line.
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i]!;
    if (!/^\s*(#|\/\/)/.test(l)) break;
    const c = parseComment(l, i + 1);
    if (c) out.push(c);
  }
  // Inside: until the braces opened on the resource line close.
  let depth = 0;
  let opened = false;
  for (let i = line - 1; i < lines.length; i++) {
    const l = lines[i]!;
    const c = parseComment(l, i + 1);
    if (c) out.push(c);
    const code = l.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(#|\/\/).*$/, '');
    for (const ch of code) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) break;
  }
  return out;
}
