/**
 * Anchored regular expressions of a scenario (purge filters, `delete` and `untag` events), as
 * `acr purge` anchors them: `^(?:pattern)$`. A pattern must compile on its own first, so it
 * cannot close the wrapper's group and escape the anchors (`x)|(.*` would match every
 * repository); its length is bounded. The resolver reports a problem with its pointer; the engine
 * compiles only patterns that pass.
 */

/** Longest pattern a scenario may give (acrkit's bound: repository and tag names are far shorter). */
export const MAX_PATTERN_LENGTH = 256;

/** Why a pattern cannot be used anchored. */
export interface PatternProblem {
  /** The rule broken, as `must ...`. */
  readonly rule: string;
  /** What was seen (the length, or the regex engine's message). */
  readonly detail: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Why `pattern` cannot be used anchored, or undefined when it can: too long, or not a regular
 * expression on its own (or once anchored).
 */
export function patternProblem(pattern: string): PatternProblem | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { rule: `must be at most ${MAX_PATTERN_LENGTH} characters long (acrkit's bound)`, detail: `${pattern.length} characters`, fix: 'shorten the expression' };
  }
  try {
    new RegExp(pattern);
    new RegExp(`^(?:${pattern})$`);
  } catch (e) {
    return {
      rule: 'must be a complete regular expression on its own (it is anchored as ^(?:pattern)$)',
      detail: (e as Error).message,
      fix: 'close every group and class (escape a literal parenthesis as \\( and a bracket as \\[)',
    };
  }
  return undefined;
}

/**
 * The anchored expression of `pattern`. Throws a RangeError when {@link patternProblem} finds a
 * problem (the resolver refuses such a scenario first).
 */
export function anchoredPattern(pattern: string): RegExp {
  const why = patternProblem(pattern);
  if (why) throw new RangeError(`pattern ${JSON.stringify(pattern.slice(0, 80))} ${why.rule}, got ${why.detail}`);
  return new RegExp(`^(?:${pattern})$`);
}
