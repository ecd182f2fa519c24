/** RFC 6901 JSON pointers. */

/** Escapes one reference token. */
export function escapeToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from tokens. */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapeToken(String(t))}`).join('');
}
