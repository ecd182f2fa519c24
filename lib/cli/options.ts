/**
 * Option parsers shared by the CLI verbs.
 */
import { InvalidArgumentError } from 'commander';
import { PACK_NAMES } from '../policy/rule.js';

/** A commander parser for an integer option of at least `min`. */
export function integerAtLeast(name: string, min: number): (v: string) => number {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got '${v}'.`);
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
