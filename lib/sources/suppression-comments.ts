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

/** Where a frame of the scan is: a quoted string, a heredoc, or code inside `${ }` / `%{ }`. */
type Frame = { readonly kind: 'string' } | { readonly kind: 'heredoc'; readonly marker: string } | { readonly kind: 'interp'; depth: number };

/** What {@link scanComments} finds in a file, by 1-based line. */
interface CommentScan {
  /** Lines that start with a real comment (`#`, `//`, or inside a `/* *\/` comment). */
  readonly commentLines: ReadonlySet<number>;
  /** Braces of the configuration (outside strings, heredocs and comments) opened on each line. */
  readonly opens: ReadonlyMap<number, number>;
  /** Braces of the configuration closed on each line. */
  readonly closes: ReadonlyMap<number, number>;
}

const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/y;

/**
 * Lexes HCL just enough to tell real comments from text that looks like one: a heredoc or a
 * quoted string holding `# acrkit:ignore ...` is data, never a suppression; braces inside them
 * never end a block.
 */
function scanComments(text: string): CommentScan {
  const commentLines = new Set<number>();
  const opens = new Map<number, number>();
  const closes = new Map<number, number>();
  const bump = (m: Map<number, number>, line: number): void => void m.set(line, (m.get(line) ?? 0) + 1);
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '\n') {
      if (top?.kind === 'string') stack.pop(); // a quoted string ends at the line (a syntax error the parser reports)
      line++;
      i++;
      lineStart = true;
      const cur = stack[stack.length - 1];
      if (cur?.kind === 'heredoc') {
        const end = text.indexOf('\n', i);
        if (text.slice(i, end < 0 ? text.length : end).trim() === cur.marker) {
          stack.pop();
          i = end < 0 ? text.length : end;
        }
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const wasLineStart = lineStart;
    lineStart = false;
    if (top?.kind === 'string' || top?.kind === 'heredoc') {
      if (top.kind === 'string' && c === '\\') i += 2;
      else if (top.kind === 'string' && c === '"') {
        stack.pop();
        i++;
      } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') i += 3;
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        stack.push({ kind: 'interp', depth: 0 });
        i += 2;
      } else i++;
      continue;
    }
    // Code: the file's top level, or inside an interpolation.
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      if (wasLineStart && !top) commentLines.add(line);
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      const last = line + (text.slice(i, stop).match(/\n/g)?.length ?? 0);
      if (!top) for (let l = wasLineStart ? line : line + 1; l <= last; l++) commentLines.add(l);
      line = last;
      i = stop;
    } else if (c === '"') {
      stack.push({ kind: 'string' });
      i++;
    } else if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      if (m) {
        stack.push({ kind: 'heredoc', marker: m[1]! });
        i = HEREDOC.lastIndex - 1; // at the newline, which starts the body
      } else i += 2;
    } else if (c === '{') {
      if (top) top.depth++;
      else bump(opens, line);
      i++;
    } else if (c === '}') {
      if (top && top.depth === 0) stack.pop();
      else if (top) top.depth--;
      else bump(closes, line);
      i++;
    } else i++;
  }
  return { commentLines, opens, closes };
}

/**
 * Whether a file's text may hold a suppression comment (it names `acrkit:ignore` or
 * `checkov:skip` somewhere): {@link commentsFor} finds none in a text that does not.
 */
export function mayHoldSuppressions(text: string): boolean {
  return text.includes('acrkit:ignore') || text.includes('checkov:skip');
}

/** The last text {@link commentsFor} found no suppression comment in. */
let lastPlain: string | undefined;
let lastText: string | undefined;
let lastLines: string[] = [];
let lastScan: CommentScan | undefined;

/**
 * Suppression comments of the resource starting at `line` (inside it or directly above). Only
 * real comments count: a heredoc or string line that reads `# acrkit:ignore ...` is data.
 */
export function commentsFor(text: string, line: number): Array<{ ruleId: string; reason: string; line: number; tool?: 'checkov' }> {
  // A file holds many resources and most files no suppression: look for one once per file.
  if (text === lastPlain) return [];
  if (!mayHoldSuppressions(text)) {
    lastPlain = text;
    return [];
  }
  // A file holds many resources: split and scan it once.
  if (text !== lastText || !lastScan) {
    lastText = text;
    lastLines = text.split('\n');
    lastScan = scanComments(text);
  }
  const lines = lastLines;
  const { commentLines, opens, closes } = lastScan;
  const out: Array<{ ruleId: string; reason: string; line: number; tool?: 'checkov' }> = [];
  // Directly above: the contiguous comment lines before the resource line.
  for (let n = line - 1; n >= 1 && commentLines.has(n); n--) {
    const c = parseComment(lines[n - 1]!, n);
    if (c) out.push(c);
  }
  // Inside: until the braces opened on the resource line close.
  let depth = 0;
  let opened = false;
  for (let n = line; n <= lines.length; n++) {
    if (commentLines.has(n)) {
      const c = parseComment(lines[n - 1]!, n);
      if (c) out.push(c);
    }
    const o = opens.get(n) ?? 0;
    depth += o - (closes.get(n) ?? 0);
    if (o > 0) opened = true;
    if (opened && depth <= 0) break;
  }
  return out;
}
