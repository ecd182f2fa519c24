/**
 * `acrkit simulate --scenario FILE [inputs...]`: the seeded what-if simulator.
 * `--shard i/n` simulates one shard of the runs and writes a part (binary, or JSON with
 * `--format partial-json`);
 * `acrkit simulate merge parts...` (lib/cli/commands/simulate-merge.ts) merges the parts.
 * Exit code 1 when an assertion fails, 2 for bad input.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit, emitParts, writeFileParts, type CliContext } from '../io.js';
import { integerAtLeast } from '../options.js';
import { capWorkers, runsOption } from '../sim-options.js';
import { SIMULATION_FORMATS, type SimulationFormat } from '../../report/simulation/formats.js';
import type { Shard } from '../../sim/results/partial.js';
import { registerSimulateMerge } from './simulate-merge.js';
import { registerSimulateCalibrate } from './simulate-calibrate.js';
import { countProgress } from '../progress.js';
import { interruptExitCode, onInterrupt } from '../interrupt.js';
import { SimulationInterruptedError } from '../../sim/errors.js';
import { throwIfInterrupted } from '../../sim/pool.js';

/** The formats that write a part for `simulate merge`: binary (the default with --shard) or JSON. */
const PART_FORMATS: ReadonlySet<string> = new Set(['partial', 'partial-json']);

/** What `simulate --format` accepts: the report formats and the parts of a shard. */
const SIMULATE_FORMATS: readonly string[] = [...SIMULATION_FORMATS, ...PART_FORMATS];

/** Options of `acrkit simulate`. */
interface SimulateOptions {
  scenario?: string;
  runs?: number;
  seed?: number;
  workers?: number;
  shard?: Shard;
  format: SimulationFormat | 'partial' | 'partial-json';
  out?: string;
  allowOutside?: boolean;
  allowLarge?: boolean;
  synth: boolean;
  vary: string[];
}

/** A commander parser for `--shard i/n`: 1 <= i <= n. */
export function shardOption(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count) {
    throw new InvalidArgumentError(`--shard must be i/n with 1 <= i <= n (runs r with r % n = i - 1, as Jest and Playwright shard), got '${v}': e.g. --shard 2/4.`);
  }
  return { index, count };
}

/** Registers `simulate` and its `merge` subcommand. */
export function registerSimulate(program: Command, ctx: CliContext): void {
  const simulate = program
    .command('simulate')
    .description('simulate storage, cost, limits and failover of registries under a workload scenario (seeded, Monte Carlo)')
    // Options after `merge` belong to merge (its own --format and --out).
    .enablePositionalOptions()
    .argument('[inputs...]', 'acrkit inputs (cdk.tf.json, cdktf.out, plan JSON, .tf) replacing the scenario\'s registries')
    .option('--scenario <file>', 'scenario file, required (YAML or JSON; schema: lib/sim/scenario/scenario.schema.json)')
    .option('--runs <n>', 'Monte Carlo runs (overrides the scenario)', runsOption)
    .option('--seed <s>', 'seed (overrides the scenario)', integerAtLeast('--seed', 0))
    .option('--workers <n>', 'worker threads (0 = in process; default: CPUs)', integerAtLeast('--workers', 0))
    .option('--shard <i/n>', 'simulate only the runs r with r % n = i - 1 and write a part for `acrkit simulate merge` (binary, or JSON with --format partial-json)', shardOption)
    .addOption(new Option('--format <format>', 'output format (partial: a binary part for simulate merge, the default with --shard and written with --out; partial-json: the same part as JSON)').choices([...SIMULATE_FORMATS]).default('text'))
    .option('--out <file>', 'write to a file instead of stdout (e.g. report.html with --format html)')
    .option('--allow-outside', "let the scenario's registries paths point outside the working directory (trusted scenarios only)")
    .option('--allow-large', "run a simulation above acrkit's cost limits (docs/scenario.md: pushes, store memory, time)")
    .option('--no-synth', 'never run a cdktf app: a folder with cdktf.json is an input error (synthesize it first and pass cdktf.out)')
    .option('--vary <key=values>', "compare variants on the same random draws, e.g. --vary retentionDays=0,7,30 (keys: tier, retentionDays, softDeleteDays, replicas; repeat for a cartesian product; replaces the scenario's variants)", (v: string, list: string[]) => [...list, v], [] as string[])
    .action(async (inputs: string[], opts: SimulateOptions, cmd: Command) => {
      const { io } = ctx;
      if (opts.scenario === undefined) throw new UsageError("simulate needs --scenario <file>, got none: name the scenario file (or use 'acrkit simulate merge parts...').");
      const format = opts.shard && cmd.getOptionValueSource('format') === 'default' ? 'partial' : opts.format;
      const part = PART_FORMATS.has(format);
      if (opts.shard && !part) {
        throw new UsageError(`--shard writes a part to merge, got --format ${format}: leave --format out (a binary part) or use --format partial-json, then acrkit simulate merge the parts.`);
      }
      // One at a time: jest's ESM loader races on concurrent imports that share modules.
      const { loadScenario } = await import('../../workflows/load-scenario.js');
      const { simulateRuns, aggregate } = await import('../../sim/montecarlo.js');
      const { renderSimulationAs } = await import('../../report/simulation/formats.js');
      const { shardRunIndices, partialJsonParts } = await import('../../sim/results/partial.js');
      const { assertBinaryPartFits, partialBinaryParts } = await import('../../sim/results/part-binary.js');
      const { ACRKIT_VERSION } = await import('../../version.js');
      const sc = await loadScenario(opts.scenario, { cwd: io.cwd, inputs, runs: opts.runs, seed: opts.seed, allowOutside: opts.allowOutside ?? false, allowSynth: opts.synth !== false });
      // Variants (the scenario's, or --vary's): every variant on the same draws, compared side by side.
      const { chooseVariants } = await import('../../workflows/variants.js');
      // The cost estimate, before any run starts: exit 2 with the figures above the limits.
      const { assertAffordable } = await import('../../sim/scenario/bounds.js');
      const variants = chooseVariants(sc, opts.vary);
      if (variants) {
        if (part) throw new UsageError(`--shard and --format ${format} simulate one scenario, got ${variants.length} variants: run the comparison in one process, or shard each variant as its own scenario.`);
        assertAffordable(sc, { runs: sc.runs, variants: variants.length, allowLarge: opts.allowLarge ?? false });
        const { simulateVariants } = await import('./simulate-variants.js');
        await simulateVariants(ctx, sc, variants, { format: format as SimulationFormat, out: opts.out, workers: capWorkers(opts.workers, io), inputs: [...inputs, opts.scenario] });
        return;
      }
      if (format === 'partial' && opts.out === undefined) {
        throw new UsageError(`a binary part is written to a file, got no --out: add --out parts/part-${opts.shard?.index ?? 1}.part, or use --format partial-json to print the part as JSON.`);
      }
      const shard: Shard = opts.shard ?? { index: 1, count: 1 };
      const runIndices = part ? shardRunIndices(sc.runs, shard) : undefined;
      const total = runIndices?.length ?? sc.runs;
      assertAffordable(sc, { runs: total, allowLarge: opts.allowLarge ?? false });
      if (format === 'partial') assertBinaryPartFits(sc, shard); // before hours of runs, not after
      const label = opts.shard ? `shard ${shard.index}/${shard.count}` : 'simulate';
      const progress = countProgress(io.progress, label, total, 'runs');
      // SIGINT/SIGTERM: the pool terminates its workers, nothing is written, exit 130/143.
      const interrupt = onInterrupt();
      try {
        const results = total === 0 ? [] : await simulateRuns(sc, { workers: capWorkers(opts.workers, io), runIndices, onProgress: (done) => progress.update(done), signal: interrupt.signal });
        progress.stop();
        if (part) {
          throwIfInterrupted(interrupt.signal);
          if (format === 'partial') writeFileParts(io, partialBinaryParts(sc, shard, results, ACRKIT_VERSION), opts.out!, [...inputs, opts.scenario]);
          else await emitParts(io, partialJsonParts(sc, shard, results, ACRKIT_VERSION), opts.out, [...inputs, opts.scenario]);
          return;
        }
        const result = aggregate(sc, results);
        const body = await renderSimulationAs(result, format as SimulationFormat);
        throwIfInterrupted(interrupt.signal); // a signal while aggregating or rendering: still write nothing
        emit(io, body, opts.out, [...inputs, opts.scenario]);
        if (format === 'html' && opts.out) io.err(`acrkit: wrote the HTML report to ${opts.out}\n`);
        if (!result.passed) ctx.exitCode = Math.max(ctx.exitCode, ExitCode.FAILED);
      } catch (e) {
        if (!(e instanceof SimulationInterruptedError)) throw e;
        progress.stop();
        io.err(`acrkit: ${e.message}.\n`);
        ctx.exitCode = interruptExitCode(e.reason);
      } finally {
        progress.stop();
        interrupt.dispose();
      }
    });
  registerSimulateMerge(simulate, ctx);
  registerSimulateCalibrate(simulate, ctx);
}
