/**
 * Values quoted in messages: what the user wrote, short enough for one line.
 */

/** Longest preview, in characters, before it is cut with `...`. */
export const PREVIEW_LIMIT = 60;

/**
 * A value as JSON (`"Premium"`, `3`, `{"a":1}`), `nothing` for undefined, cut to
 * {@link PREVIEW_LIMIT} characters. Never throws (cycles and bigints fall back to `String`).
 */
export function preview(v: unknown): string {
  let s: string;
  try {
    s = v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > PREVIEW_LIMIT ? `${s.slice(0, PREVIEW_LIMIT - 3)}...` : s;
}
