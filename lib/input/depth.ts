/**
 * A guard before parsing: how deeply `[` and `{` nest in a JSON or YAML text. Parsers and the
 * code that walks what they return recurse once per level; a hostile file nested thousands of
 * levels deep would overflow the stack or exhaust memory, so such a file is refused first.
 */
import { InputError } from '../errors.js';

/** Deeper than any input acrkit reads needs (plans nest about 12 levels, scenarios about 8). */
export const MAX_NESTING = 256;

/** Scans for brackets outside quoted strings: the deepest nesting seen, and where it first passed `limit`. */
function scan(text: string, limit: number): { readonly max: number; readonly at: number } {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > max && (max = depth) > limit) return { max, at: i };
    } else if (c === ']' || c === '}') depth--;
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
