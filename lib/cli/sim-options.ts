/**
 * Option parsers and caps of the simulator's `--runs` and `--workers` (simulate, review).
 */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import schema from '../sim/scenario/scenario.schema.json' with { type: 'json' };
import type { CliIO } from './io.js';

/** The most Monte Carlo runs one invocation accepts: the scenario schema's `runs` maximum. */
export const MAX_RUNS: number = (schema as { properties: { runs: { maximum: number } } }).properties.runs.maximum;

/** A commander parser for `--runs`: an integer from 1 to {@link MAX_RUNS}. */
export function runsOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--runs must be an integer >= 1, got '${v}'.`);
  if (n > MAX_RUNS) {
    throw new InvalidArgumentError(`--runs must be at most ${MAX_RUNS} (the scenario schema's maximum), got ${v}: lower it, or split the runs into several invocations with different --seed values.`);
  }
  return n;
}

/**
 * Caps `--workers` at the CPU count (`os.availableParallelism()`), with a note on stderr when it
 * was above: more threads than CPUs only cost memory.
 *
 * @param workers the `--workers` value
 * @param io where the note goes
 * @param cpus the CPU count
 * @default cpus - os.availableParallelism()
 */
export function capWorkers(workers: number | undefined, io: Pick<CliIO, 'err'>, cpus: number = availableParallelism()): number | undefined {
  if (workers === undefined || workers <= cpus) return workers;
  io.err(`acrkit: --workers ${workers} is more than the ${cpus} CPUs here: using ${cpus}.\n`);
  return cpus;
}

/** The `simulate` options given on the command line to a subcommand's parent (commander hands them there). */
export interface ParentOptions {
  /** Attribute names of the parent's options given on the command line. */
  readonly given: readonly string[];
  /** Their flags (`--seed`), except `--format` and `--out`, which subcommands take as their own. */
  readonly strayFlags: readonly string[];
}

/**
 * What of `simulate`'s own options a subcommand (`merge`, `calibrate`) received through its
 * parent: unless the program enables positional options, `simulate merge a.json --format json`
 * hands `--format` to `simulate` itself.
 */
export function parentOptions(cmd: Command): ParentOptions {
  const parent = cmd.parent;
  if (!parent) return { given: [], strayFlags: [] };
  const given = parent.options.map((o) => o.attributeName()).filter((n) => parent.getOptionValueSource(n) === 'cli');
  const stray = given.filter((n) => n !== 'format' && n !== 'out');
  return { given, strayFlags: parent.options.filter((o) => stray.includes(o.attributeName())).map((o) => o.long ?? o.flags) };
}
