/**
 * In-source suppressions in `.tf` files: `# acrkit:ignore <RULE-ID> <reason>` (or `//`)
 * inside a resource block or in the comment lines directly above it.
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
}

const IGNORE = /^\s*(?:#|\/\/)\s*acrkit:ignore\s+(\S+)\s*(.*?)\s*$/;

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

/** Suppression comments of the resource starting at `line` (inside it or directly above). */
export function commentsFor(text: string, line: number): Array<{ ruleId: string; reason: string; line: number }> {
  const lines = text.split('\n');
  const out: Array<{ ruleId: string; reason: string; line: number }> = [];
  // Directly above: the contiguous comment lines before the resource line.
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i]!;
    if (!/^\s*(#|\/\/)/.test(l)) break;
    const m = IGNORE.exec(l);
    if (m) out.push({ ruleId: m[1]!, reason: m[2]!, line: i + 1 });
  }
  // Inside: until the braces opened on the resource line close.
  let depth = 0;
  let opened = false;
  for (let i = line - 1; i < lines.length; i++) {
    const l = lines[i]!;
    const m = IGNORE.exec(l);
    if (m) out.push({ ruleId: m[1]!, reason: m[2]!, line: i + 1 });
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
