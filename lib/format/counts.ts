/**
 * Counts in prose ("1 error", "2 errors", "1 registry", "3 registries"), for every message and
 * report that states how many of something there are.
 */

/**
 * `singular` when `n` is 1, else `plural`.
 * @param plural the plural form
 * @default plural - `singular` + "s"
 */
export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

/**
 * `n` followed by the noun in the number it takes ("1 error", "2 errors").
 * @param plural the plural form
 * @default plural - `singular` + "s"
 */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${noun(n, singular, plural)}`;
}

/** "1 registry" / "N registries". */
export function registries(n: number): string {
  return counted(n, 'registry', 'registries');
}
