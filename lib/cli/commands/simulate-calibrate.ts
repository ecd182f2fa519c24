/**
 * `acrkit simulate calibrate METRICS.json`: fits a registry's workload to an Azure Monitor
 * metrics export (`az monitor metrics list ... --interval P1D -o json`), prints the fitted
 * parameters with a goodness-of-fit figure and the replayed history next to the observed one,
 * and writes the fitted scenario as YAML (`--out`). Exit code 2 for a metrics file that cannot be
 * used (file, pointer, value and fix), 0 otherwise.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { closeRegionNames, findRegion } from '../../catalog/regions.js';
import { cheapestTierFor, RETENTION_DAYS, TIERS, type Tier } from '../../catalog/tiers.js';
import { terminalText } from '../../format/terminal.js';
import { preview } from '../../format/values.js';
import { MAX_INITIAL_REPOSITORIES } from '../../sim/scenario/bounds.js';
import { emit, type CliContext } from '../io.js';
import { integerAtLeast } from '../options.js';
import { SIMULATION_FORMATS, type SimulationFormat } from '../../report/simulation/formats.js';
import { parseDurationMinutes } from '../../sim/scenario/duration.js';
import { parentOptions } from '../sim-options.js';

/** Options of `acrkit simulate calibrate`. */
interface CalibrateCliOptions {
  registry?: string;
  location?: string;
  tier?: Tier;
  retentionDays?: number;
  tags?: 'mutable' | 'unique';
  repositories?: number;
  horizon?: string;
  out?: string;
  report?: string;
  format: SimulationFormat;
}

/** A commander parser for `--location`: an Azure region, as its canonical name. */
function regionOption(v: string): string {
  const r = findRegion(v);
  // A UsageError, not commander's InvalidArgumentError: commander would quote the raw argument.
  if (!r) throw new UsageError(`--location must be an Azure public region, got ${terminalText(preview(v))}: use ${(v.length > 100 ? [] : closeRegionNames(v)).map((c) => `'${c}'`).join(' or ') || "a name such as 'westeurope'"}.`);
  return r.name;
}

/** A commander parser for `--retention-days`: the catalog's range. */
function retentionOption(v: string): number {
  const n = integerAtLeast('--retention-days', 0)(v);
  if (n > RETENTION_DAYS.value.max) throw new InvalidArgumentError(`--retention-days must be ${RETENTION_DAYS.value.min}-${RETENTION_DAYS.value.max}, got ${v}: give the registry's retention days (0 = off).`);
  return n;
}

/** A commander parser for `--repositories`: 1 to the scenario format's maximum. */
function repositoriesOption(v: string): number {
  const n = integerAtLeast('--repositories', 1)(v);
  if (n > MAX_INITIAL_REPOSITORIES) throw new InvalidArgumentError(`--repositories must be 1-${MAX_INITIAL_REPOSITORIES}, got ${v}: give the registry's repository count (az acr repository list).`);
  return n;
}

/** A commander parser for `--horizon`: an ISO-8601 duration of whole days. */
function horizonOption(v: string): string {
  const m = parseDurationMinutes(v);
  if (m === undefined || m < 1440) throw new InvalidArgumentError(`--horizon must be an ISO-8601 duration of at least a day, got '${v}': e.g. P365D or P2Y.`);
  return v;
}

/** Registers `calibrate` under `simulate`. */
export function registerSimulateCalibrate(simulate: Command, ctx: CliContext): void {
  simulate
    .command('calibrate')
    .description('fit a workload to an Azure Monitor metrics export of a registry and write it as a scenario')
    .argument('<metrics>', 'az monitor metrics list --metrics StorageUsed SuccessfulPushCount SuccessfulPullCount TotalPullCount --interval P1D --aggregation Total Average -o json')
    .option('--registry <name>', 'registry name in the fitted scenario (default: the name in the export)')
    .option('--location <region>', "home region in the fitted scenario (default: the export's region)", regionOption)
    .addOption(new Option('--tier <tier>', `tier in the fitted scenario (default Standard; ${cheapestTierFor('retentionPolicy')} when --retention-days > 0)`).choices([...TIERS]))
    .option('--retention-days <n>', "the registry's retention days for untagged manifests, to account for in the fit (0 = off)", retentionOption)
    .addOption(new Option('--tags <strategy>', 'how pushes tag: mutable (re-pushed tags) or unique (a tag per build; default)').choices(['mutable', 'unique']))
    .option('--repositories <n>', 'repositories in the fitted scenario (default 10; az acr repository list counts them)', repositoriesOption)
    .option('--horizon <duration>', 'horizon of the fitted scenario (default P365D)', horizonOption)
    .option('--out <file>', 'write the fitted scenario (YAML) to this file')
    .option('--report <file>', 'write the report to this file instead of stdout')
    .addOption(new Option('--format <format>', 'report format (html: the observed and replayed history charted)').choices([...SIMULATION_FORMATS]).default('text'))
    .action(async (metrics: string, own: CalibrateCliOptions, cmd: Command) => {
      const { io } = ctx;
      const opts = withParentOptions(own, cmd);
      // One at a time: jest's ESM loader races on concurrent imports that share modules.
      const { calibrateFromFile } = await import('../../workflows/calibrate.js');
      const { renderCalibrationAs } = await import('../../report/simulation/calibration.js');
      const result = await calibrateFromFile(metrics, {
        cwd: io.cwd,
        registry: opts.registry,
        location: opts.location,
        tier: opts.tier,
        retentionDays: opts.retentionDays,
        tags: opts.tags,
        repositories: opts.repositories,
        horizon: opts.horizon,
      });
      if (opts.out) emit(io, result.scenarioYaml, opts.out, [metrics]);
      const shown = opts.out ? { ...result, scenarioFile: opts.out } : result;
      emit(io, await renderCalibrationAs(shown, opts.format), opts.report, [metrics, ...(opts.out ? [opts.out] : [])]);
      if (opts.out) io.err(`acrkit: wrote the fitted scenario to ${opts.out}\n`);
    });
}

/**
 * The options, wherever commander put them: `simulate` has its own `--format` and `--out`, and
 * unless the program enables positional options it takes them from `simulate calibrate m.json
 * --out f.yaml`. Any other `simulate` option given with calibrate is a usage error.
 */
function withParentOptions(own: CalibrateCliOptions, cmd: Command): CalibrateCliOptions {
  const parent = cmd.parent;
  if (!parent) return own;
  const { given, strayFlags: flags } = parentOptions(cmd);
  if (flags.length) {
    throw new UsageError(`simulate calibrate does not take ${flags.join(', ')}: it reads a metrics export, not a scenario; drop ${flags.length === 1 ? 'it' : 'them'}.`);
  }
  let format = own.format;
  if (cmd.getOptionValueSource('format') !== 'cli' && given.includes('format')) {
    const f = parent.getOptionValue('format') as string;
    if (!(SIMULATION_FORMATS as readonly string[]).includes(f)) throw new UsageError(`simulate calibrate --format must be one of ${SIMULATION_FORMATS.join(', ')}, got ${f}: a calibration writes a report.`);
    format = f as SimulationFormat;
  }
  const out = own.out ?? (given.includes('out') ? (parent.getOptionValue('out') as string) : undefined);
  return { ...own, format, ...(out !== undefined ? { out } : {}) };
}
