/**
 * Where something is in the user's input: the one location shape of specs, findings and input
 * errors, and its one rendering. It lives in the base (not lib/model) because input errors,
 * which every layer raises, carry it.
 */

/** A place in an input: a file (with line and JSON pointer when known) or a construct path. */
export interface Location {
  /**
   * File path as the user gave it (relative to the working directory when below it).
   * @default - none (a construct tree or an inline definition)
   */
  readonly file?: string;
  /**
   * 1-based line in `file`.
   * @default - not known
   */
  readonly line?: number;
  /**
   * JSON pointer (RFC 6901) into `file`.
   * @default - the whole document
   */
  readonly pointer?: string;
  /**
   * cdktf construct path, e.g. `prod/registry/registry`.
   * @default - not known
   */
  readonly constructPath?: string;
}

/**
 * `file:line#pointer (construct path)`, each part when known; the construct path alone
 * without a file; an empty string when nothing is known.
 */
export function formatLocation(loc: Location): string {
  let s = loc.file ?? '';
  if (loc.file !== undefined && loc.line !== undefined) s += `:${loc.line}`;
  if (loc.file !== undefined && loc.pointer !== undefined && loc.pointer !== '') s += `#${loc.pointer}`;
  if (loc.constructPath !== undefined) s = loc.file !== undefined ? `${s} (${loc.constructPath})` : loc.constructPath;
  return s;
}
