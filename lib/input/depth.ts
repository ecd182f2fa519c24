/**
 * A guard before parsing: how deeply `[` and `{` nest in a JSON or YAML text. Parsers and the
 * code that walks what they return recurse once per level; a hostile file nested thousands of
 * levels deep would overflow the stack or exhaust memory, so such a file is refused first.
 */

/** Deeper than any input acrkit reads needs (plans nest about 12 levels, scenarios about 8). */
export const MAX_NESTING = 256;

/**
 * The deepest nesting of `[`/`{` outside quoted strings, stopping early once past `limit`.
 * @param limit stop counting past this depth
 * @default limit MAX_NESTING
 */
export function nestingDepth(text: string, limit = MAX_NESTING): number {
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
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === ']' || c === '}') depth--;
  }
  return max;
}
