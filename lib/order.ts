/**
 * Ordering that does not depend on the machine's locale, so output is the same everywhere.
 */

/** Compares strings by UTF-16 code units (what `<` does), for `Array.prototype.sort`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
