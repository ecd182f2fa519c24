/**
 * Values quoted in messages: what the user wrote, short enough for one line.
 */

import { redactUri } from './uri.js';

/** A URI inside a quoted value (a webhook serviceUri, say) loses its userinfo and query. */
function withoutCredentials(s: string): string {
  return s.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\]+/gi, (u) => redactUri(u));
}

/** Longest preview, in characters, before it is cut with `...`. */
export const PREVIEW_LIMIT = 60;

/**
 * A value as JSON (`"Premium"`, `3`, `{"a":1}`), `nothing` for undefined, cut to
 * {@link PREVIEW_LIMIT} characters, URIs without userinfo or query. It stops writing once past the limit, so quoting a huge
 * document costs no more than quoting a small one; it never throws (cycles, bigints and
 * functions are written with `String`).
 */
export function preview(v: unknown): string {
  if (v === undefined) return 'nothing';
  const out: string[] = [];
  let length = 0;
  const seen = new Set<unknown>();
  const put = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length <= PREVIEW_LIMIT;
  };
  const write = (x: unknown): boolean => {
    if (typeof x === 'string') return put(JSON.stringify(withoutCredentials(x)));
    if (x === null || typeof x === 'number' || typeof x === 'boolean') return put(JSON.stringify(x) ?? 'null');
    if (typeof x !== 'object' || seen.has(x)) return put(String(x));
    seen.add(x);
    if (Array.isArray(x)) {
      if (!put('[')) return false;
      for (let i = 0; i < x.length; i++) if ((i > 0 && !put(',')) || !write(x[i] === undefined ? null : x[i])) return false;
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    // for...in stops with the loop: no array of every key of a huge object is built.
    for (const k in x) {
      if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
      const item = (x as Record<string, unknown>)[k];
      if (item === undefined || typeof item === 'function') continue;
      if ((!first && !put(',')) || !put(`${JSON.stringify(k)}:`) || !write(item)) return false;
      first = false;
    }
    return put('}');
  };
  write(v);
  const s = out.join('');
  return s.length > PREVIEW_LIMIT ? `${s.slice(0, PREVIEW_LIMIT - 3)}...` : s;
}
