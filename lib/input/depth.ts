/**
 * A guard before parsing: how deeply `[` and `{` nest in a JSON or YAML text. Parsers and the
 * code that walks what they return recurse once per level; a hostile file nested thousands of
 * levels deep would overflow the stack or exhaust memory, so such a file is refused first.
 */
import { InputError } from '../errors.js';

/** Deeper than any input acrkit reads needs (plans nest about 12 levels, scenarios about 8). */
export const MAX_NESTING = 256;

const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_SQUARE = 0x5b;
const OPEN_CURLY = 0x7b;
const CLOSE_SQUARE = 0x5d;
const CLOSE_CURLY = 0x7d;
const HASH = 0x23;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const PIPE = 0x7c;
const GREATER = 0x3e;
const PLUS = 0x2b;
const MINUS = 0x2d;

/** The next character a JSON scan acts on (a quote or a bracket), found by the regex engine. */
const NEXT_IN_JSON = /["'[\]{}]/g;
/** The same in YAML, where a `#` may start a comment and `|` or `>` a block scalar. */
const NEXT_IN_YAML = /["'[\]{}#|>]/g;

/** Which syntax the text is scanned as. */
export type NestingSyntax = 'json' | 'yaml';

/** Whether a YAML quote at `i` opens a quoted scalar: first on its line, or after `:`, `-`, `?`, `,`, `[` or `{` and blanks. */
function opensYamlScalar(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k--;
  if (k < 0) return true;
  const c = text.charCodeAt(k);
  return c === LF || c === CR || c === 0x3a || c === 0x2d || c === 0x3f || c === 0x2c || c === OPEN_SQUARE || c === OPEN_CURLY;
}

/** The closing `"` of the string opened at `i` (the first not escaped by an odd run of backslashes), or -1. */
function closingDoubleQuote(text: string, i: number): number {
  let end = text.indexOf('"', i + 1);
  while (end >= 0) {
    let k = end - 1;
    while (k > i && text.charCodeAt(k) === BACKSLASH) k--;
    if ((end - 1 - k) % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/** The closing `'` of the YAML single-quoted scalar opened at `i` (`''` is a quote inside it), or -1. */
function closingSingleQuote(text: string, i: number): number {
  let end = text.indexOf("'", i + 1);
  while (end >= 0 && text.charCodeAt(end + 1) === SQUOTE) end = text.indexOf("'", end + 2);
  return end;
}

/**
 * Scans for brackets outside quoted strings: the deepest nesting seen, and where it first passed
 * `limit`. A quoted string is skipped with `indexOf` (a plan is mostly strings), and so is a run
 * of numbers with the regex engine (a simulation part is mostly numbers): tens of megabytes take
 * milliseconds. Inside double quotes a backslash escapes the next character.
 *
 * As YAML, a quote opens a string only where a scalar starts (`it's` in a plain scalar is no
 * quote), `''` is a quote inside a single-quoted string, a `#` at the start of a line or after a
 * blank starts a comment to the end of the line, and a block scalar's lines (`|` or `>`) are
 * skipped. Everything else is counted, so a plain scalar's brackets can only make the depth seem
 * larger, never hide a nesting.
 */
function scan(text: string, limit: number, syntax: NestingSyntax): { readonly max: number; readonly at: number } {
  const yaml = syntax === 'yaml';
  const next = yaml ? NEXT_IN_YAML : NEXT_IN_JSON;
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE) {
      if (yaml && !opensYamlScalar(text, i)) continue;
      const end = closingDoubleQuote(text, i);
      if (end < 0) break;
      i = end;
    } else if (c === SQUOTE) {
      if (yaml && !opensYamlScalar(text, i)) continue;
      const end = yaml ? closingSingleQuote(text, i) : text.indexOf("'", i + 1);
      if (end < 0) break;
      i = end;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > max && (max = depth) > limit) return { max, at: i };
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) depth--;
    else if (c >= DIGIT_0 && c <= DIGIT_9) {
      // Jump to the next character acted on (`test` allocates no match).
      next.lastIndex = i;
      if (!next.test(text)) break;
      i = next.lastIndex - 2;
    } else if (yaml && c === HASH && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
    } else if (yaml && (c === PIPE || c === GREATER) && opensYamlScalar(text, i) && endsBlockHeader(text, i + 1)) {
      // A block scalar: its lines are text (a quote in them opens nothing).
      i = blockScalarEnd(text, i);
    }
  }
  return { max, at: -1 };
}

/** Whether a block scalar's header ends its line from `i` on: indentation and chomping indicators, blanks, a comment. */
function endsBlockHeader(text: string, i: number): boolean {
  let k = i;
  for (let c = text.charCodeAt(k); c === PLUS || c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9); c = text.charCodeAt(++k));
  const blank = k;
  while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB) k++;
  const c = text.charCodeAt(k);
  return k >= text.length || c === LF || c === CR || (c === HASH && k > blank);
}

/**
 * The line break before the first line after the block scalar whose indicator is at `i`: the
 * lines that follow are its content while blank or indented more than the indicator's line.
 */
function blockScalarEnd(text: string, i: number): number {
  const lineStart = text.lastIndexOf('\n', i) + 1;
  let indent = 0;
  while (text.charCodeAt(lineStart + indent) === SPACE) indent++;
  let eol = text.indexOf('\n', i);
  while (eol >= 0) {
    let k = eol + 1;
    while (text.charCodeAt(k) === SPACE) k++;
    const c = text.charCodeAt(k);
    const blank = k >= text.length || c === LF || c === CR;
    if (!blank && k - (eol + 1) <= indent) return eol;
    eol = text.indexOf('\n', eol + 1);
  }
  return text.length;
}

/** A space, tab or line break. */
function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

/**
 * The deepest nesting of `[`/`{` outside quoted strings, stopping early once past `limit`.
 * @param limit stop counting past this depth
 * @param syntax `yaml` for YAML text (comments, quotes only where a scalar starts)
 * @default limit MAX_NESTING
 * @default syntax 'json'
 */
export function nestingDepth(text: string, limit = MAX_NESTING, syntax: NestingSyntax = 'json'): number {
  return scan(text, limit, syntax).max;
}

/**
 * Offset of the `[` or `{` that first nests deeper than `limit` outside quoted strings, or -1
 * when none does.
 * @param limit the deepest nesting allowed
 * @param syntax `yaml` for YAML text (comments, quotes only where a scalar starts)
 * @default limit MAX_NESTING
 * @default syntax 'json'
 */
export function tooDeepAt(text: string, limit = MAX_NESTING, syntax: NestingSyntax = 'json'): number {
  return scan(text, limit, syntax).at;
}

/**
 * The {@link InputError} for a JSON (or, with `ctx.syntax`, YAML) input that nests deeper than {@link MAX_NESTING} levels,
 * naming the file and the line where the limit is passed; undefined when it does not. Call it
 * before `JSON.parse`: the code that walks a parsed document recurses once per level.
 * @param ctx `shown`: the file as the user reads it; `what`: what it is (`input`, `plan file`);
 *   `fix`: what to pass instead; `syntax`: `yaml` for YAML text (default `json`)
 */
export function nestingError(text: string, ctx: { readonly shown: string; readonly what: string; readonly fix: string; readonly syntax?: NestingSyntax }): InputError | undefined {
  const at = tooDeepAt(text, MAX_NESTING, ctx.syntax);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return new InputError(
    { file: ctx.shown, line },
    `${ctx.what} must nest at most ${MAX_NESTING} levels of [ and {, got deeper (a Terraform plan nests about 12): ${ctx.fix}.`,
  );
}
