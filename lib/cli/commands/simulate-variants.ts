/**
 * `acrkit simulate --scenario FILE --vary key=v1,v2` (or a scenario with `variants:`): every
 * variant on the same random draws, compared side by side with a recommendation line.
 * Exit code 1 when no variant passes every assertion, 2 for bad input or usage.
 */
import { ExitCode } from '../exit-codes.js';
import { emit, type CliContext } from '../io.js';
import { countProgress } from '../progress.js';
import { interruptExitCode, onInterrupt } from '../interrupt.js';
import type { SimulationFormat } from '../../report/simulation/formats.js';
import type { ResolvedScenario } from '../../sim/scenario/model.js';
import type { SimVariant } from '../../sim/variants/types.js';
import { SimulationInterruptedError } from '../../sim/errors.js';
import { terminalText } from '../../format/terminal.js';

/** What the comparison needs from `simulate`'s options. */
export interface VariantsCommandOptions {
  /** Report format. */
  readonly format: SimulationFormat;
  /** Output file. @default - stdout */
  readonly out?: string;
  /** Worker threads. @default - the Monte Carlo default */
  readonly workers?: number;
  /** Files read (an --out may not overwrite them). */
  readonly inputs: readonly string[];
}

/** Runs and writes the comparison; sets the exit code (1 when no variant passes every assertion). */
export async function simulateVariants(ctx: CliContext, sc: ResolvedScenario, variants: readonly SimVariant[], opts: VariantsCommandOptions): Promise<void> {
  const { io } = ctx;
  const { runVariants } = await import('../../sim/variants/run.js');
  const { renderComparisonAs } = await import('../../report/simulation/comparison-formats.js');
  const total = variants.length * sc.runs;
  const progress = countProgress(io.progress, `simulate ${variants.length} variants`, total, 'runs');
  const interrupt = onInterrupt();
  let result;
  try {
    result = await runVariants(sc, { workers: opts.workers, onProgress: (done) => progress.update(done), signal: interrupt.signal }, variants);
  } catch (e) {
    if (!(e instanceof SimulationInterruptedError)) throw e;
    progress.stop();
    io.err(`acrkit: ${e.message}.\n`);
    ctx.exitCode = interruptExitCode(e.reason);
    return;
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  emit(io, await renderComparisonAs(result, opts.format), opts.out, opts.inputs);
  // The line names variants from the scenario: control characters shown escaped.
  if (opts.out) io.err(`acrkit: ${terminalText(result.recommendation.text)}\n`);
  if (!result.passed) ctx.exitCode = Math.max(ctx.exitCode, ExitCode.FAILED);
}
