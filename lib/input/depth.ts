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

/**
 * Scans for brackets outside quoted strings: the deepest nesting seen, and where it first passed
 * `limit`. A quoted string is skipped with `indexOf` (a plan is mostly strings: tens of megabytes
 * are scanned in a few milliseconds); inside double quotes a backslash escapes the next character.
 */
function scan(text: string, limit: number): { readonly max: number; readonly at: number } {
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE) {
      // The closing quote: the first `"` not escaped by an odd run of backslashes before it.
      let end = text.indexOf('"', i + 1);
      while (end >= 0) {
        let k = end - 1;
        while (k > i && text.charCodeAt(k) === BACKSLASH) k--;
        if ((end - 1 - k) % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) break;
      i = end;
    } else if (c === SQUOTE) {
      const end = text.indexOf("'", i + 1);
      if (end < 0) break;
      i = end;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > max && (max = depth) > limit) return { max, at: i };
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) depth--;
  }
  return { max, at: -1 };
}

/**
 * The deepest nesting of `[`/`{` outside quoted strings, stopping early once past `limit`.
 * @param limit stop counting past this depth
 * @default limit MAX_NESTING
 */
export function nestingDepth(text: string, limit = MAX_NESTING): number {
  return scan(text, limit).max;
}

/**
 * Offset of the `[` or `{` that first nests deeper than `limit` outside quoted strings, or -1
 * when none does.
 * @param limit the deepest nesting allowed
 * @default limit MAX_NESTING
 */
export function tooDeepAt(text: string, limit = MAX_NESTING): number {
  return scan(text, limit).at;
}

/**
 * The {@link InputError} for a JSON input that nests deeper than {@link MAX_NESTING} levels,
 * naming the file and the line where the limit is passed; undefined when it does not. Call it
 * before `JSON.parse`: the code that walks a parsed document recurses once per level.
 * @param ctx `shown`: the file as the user reads it; `what`: what it is (`input`, `plan file`);
 *   `fix`: what to pass instead
 */
export function nestingError(text: string, ctx: { readonly shown: string; readonly what: string; readonly fix: string }): InputError | undefined {
  const at = tooDeepAt(text);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return new InputError(
    { file: ctx.shown, line },
    `${ctx.what} must nest at most ${MAX_NESTING} levels of [ and {, got deeper (a Terraform plan nests about 12): ${ctx.fix}.`,
  );
}
