/**
 * `acrkit simulate --scenario FILE [inputs...]`: the seeded what-if simulator.
 * Exit code 1 when an assertion fails, 2 for bad input.
 */
import { Command, Option } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { emit, type CliContext } from '../io.js';
import { integerAtLeast } from '../options.js';
import { SIMULATION_FORMATS, type SimulationFormat } from '../../report/simulation/formats.js';

/** Options of `acrkit simulate`. */
interface SimulateOptions {
  scenario: string;
  runs?: number;
  seed?: number;
  workers?: number;
  format: SimulationFormat;
  out?: string;
  allowOutside?: boolean;
}

/** Registers `simulate`. */
export function registerSimulate(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description('simulate storage, cost, limits and failover of registries under a workload scenario (seeded, Monte Carlo)')
    .argument('[inputs...]', 'acrkit inputs (cdk.tf.json, cdktf.out, plan JSON, .tf) replacing the scenario\'s registries')
    .requiredOption('--scenario <file>', 'scenario file (YAML or JSON; schema: lib/sim/scenario/scenario.schema.json)')
    .option('--runs <n>', 'Monte Carlo runs (overrides the scenario)', integerAtLeast('--runs', 1))
    .option('--seed <s>', 'seed (overrides the scenario)', integerAtLeast('--seed', 0))
    .option('--workers <n>', 'worker threads (0 = in process; default: CPUs)', integerAtLeast('--workers', 0))
    .addOption(new Option('--format <format>', 'output format').choices([...SIMULATION_FORMATS]).default('text'))
    .option('--out <file>', 'write to a file instead of stdout (e.g. report.html with --format html)')
    .option('--allow-outside', "let the scenario's registries paths point outside the working directory (trusted scenarios only)")
    .action(async (inputs: string[], opts: SimulateOptions) => {
      const { io } = ctx;
      // One at a time: jest's ESM loader races on concurrent imports that share modules.
      const { loadScenario } = await import('../../workflows/load-scenario.js');
      const { runMonteCarlo } = await import('../../sim/montecarlo.js');
      const { renderSimulationAs } = await import('../../report/simulation/formats.js');
      const sc = await loadScenario(opts.scenario, { cwd: io.cwd, inputs, runs: opts.runs, seed: opts.seed, allowOutside: opts.allowOutside ?? false });
      let bar: { start(total: number, v: number): void; update(v: number): void; stop(): void } | undefined;
      if (io.isTTY && sc.runs > 1) {
        const { default: progress } = await import('cli-progress');
        bar = new progress.SingleBar({ format: 'simulating [{bar}] {value}/{total} runs', stream: process.stderr }, progress.Presets.shades_classic);
        bar.start(sc.runs, 0);
      }
      let result;
      try {
        result = await runMonteCarlo(sc, { workers: opts.workers, onProgress: (done) => bar?.update(done) });
      } finally {
        bar?.stop();
      }
      const text = await renderSimulationAs(result, opts.format);
      emit(io, text, opts.out, [...inputs, opts.scenario]);
      if (opts.format === 'html' && opts.out) io.err(`acrkit: wrote the HTML report to ${opts.out}\n`);
      if (!result.passed) ctx.exitCode = Math.max(ctx.exitCode, ExitCode.FAILED);
    });
}
