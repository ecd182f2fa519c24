/** RFC 6901 JSON pointers: build, split and follow them. */

/** Escapes one reference token (`~` as `~0`, `/` as `~1`). */
export function escapeToken(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from tokens: `pointer('resource', 'a/b')` is `/resource/a~1b`. */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** The unescaped tokens of a pointer (`''`, the whole document, has none). */
export function tokensOf(ptr: string): string[] {
  return ptr === '' ? [] : ptr.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value a pointer names in `doc`, or undefined when the path does not exist. */
export function valueAt(doc: unknown, ptr: string): unknown {
  let v = doc;
  for (const k of tokensOf(ptr)) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}
