/**
 * Option parsers shared by the CLI verbs.
 */
import { InvalidArgumentError } from 'commander';
import { PACK_NAMES } from '../policy/rule.js';
import { MAX_SEED } from '../sim/random/random.js';

/**
 * Maxima of integer options, with why: `--seed` above {@link MAX_SEED} would repeat the runs of
 * a smaller seed (the random streams take a 32-bit seed), as the scenario schema's `seed` does.
 */
const MAXIMA: Readonly<Record<string, { readonly max: number; readonly why: string }>> = {
  '--seed': { max: MAX_SEED, why: 'a larger seed would repeat the runs of a smaller one' },
};

/**
 * A commander parser for an integer option of at least `min`, and at most the option's maximum
 * when it has one (`--seed`: {@link MAX_SEED}); never above `Number.MAX_SAFE_INTEGER`, where
 * integers stop being exact.
 */
export function integerAtLeast(name: string, min: number): (v: string) => number {
  const top = MAXIMA[name];
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got '${v}'.`);
    if (top && n > top.max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${top.max} (${top.why}), got '${v}'.`);
    if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${Number.MAX_SAFE_INTEGER}, got '${v}'.`);
    return n;
  };
}

/** A commander parser for a repeatable `--pack NAME`, checked against the pack names. */
export function collectPack(value: string, previous: string[] | undefined): string[] {
  if (!(PACK_NAMES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`Allowed choices are ${PACK_NAMES.join(', ')}.`);
  }
  return [...(previous ?? []), value];
}

/** A commander parser for a repeatable option kept in order (`--var-file a --var-file b`). */
export function collectInOrder(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
