/**
 * `acrkit simulate merge parts/*.json`: merges the parts of a sharded simulation
 * (`acrkit simulate --shard i/n`) into the report one process would have written, byte for byte.
 * Exit code 1 when an assertion fails, 2 when the parts are not one simulation's runs exactly once.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit, type CliContext } from '../io.js';
import { SIMULATION_FORMATS, type SimulationFormat } from '../../report/simulation/formats.js';
import { parentOptions } from '../sim-options.js';

/** Options of `acrkit simulate merge`. */
interface MergeOptions {
  format: SimulationFormat;
  out?: string;
}

/** Registers `merge` under `simulate`. */
export function registerSimulateMerge(simulate: Command, ctx: CliContext): void {
  simulate
    .command('merge')
    .description('merge the parts of `acrkit simulate --shard i/n` into one report, identical to the simulation run in one process')
    .argument('<parts...>', 'part files of simulate --shard (binary or JSON), covering every run exactly once')
    .addOption(new Option('--format <format>', 'output format').choices([...SIMULATION_FORMATS]).default('text'))
    .option('--out <file>', 'write to a file instead of stdout (e.g. report.html with --format html)')
    .action(async (parts: string[], own: MergeOptions, cmd: Command) => {
      const { io } = ctx;
      const opts = ownOrParent(own, cmd);
      // One at a time: jest's ESM loader races on concurrent imports that share modules.
      const { mergeParts } = await import('../../workflows/shards.js');
      const { renderSimulationAs } = await import('../../report/simulation/formats.js');
      const result = await mergeParts(parts, { cwd: io.cwd });
      const text = await renderSimulationAs(result, opts.format);
      emit(io, text, opts.out, parts);
      if (opts.format === 'html' && opts.out) io.err(`acrkit: wrote the HTML report to ${opts.out}\n`);
      if (!result.passed) ctx.exitCode = Math.max(ctx.exitCode, ExitCode.FAILED);
    });
}

/**
 * The merge options, wherever commander put them: unless the program enables positional
 * options, `simulate merge a.json --format json` hands `--format` to `simulate` itself. Any other
 * `simulate` option given with merge is a usage error (the parts fix scenario, runs and seed).
 */
function ownOrParent(own: MergeOptions, cmd: Command): MergeOptions {
  const parent = cmd.parent;
  if (!parent) return own;
  const { given, strayFlags: flags } = parentOptions(cmd);
  if (flags.length) {
    throw new UsageError(`simulate merge takes only --format and --out, got ${flags.join(', ')}: the parts fix the scenario, runs and seed; drop ${flags.length === 1 ? 'it' : 'them'}.`);
  }
  const format = cmd.getOptionValueSource('format') === 'cli' || !given.includes('format') ? own.format : (parent.getOptionValue('format') as string);
  if (!(SIMULATION_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`simulate merge --format must be one of ${SIMULATION_FORMATS.join(', ')}, got ${format}: a merge writes the report, not a part.`);
  }
  const out = own.out ?? (given.includes('out') ? (parent.getOptionValue('out') as string) : undefined);
  return out === undefined ? { format: format as SimulationFormat } : { format: format as SimulationFormat, out };
}
