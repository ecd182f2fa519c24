/**
 * `acrkit review`: a pull request's base and head (or one plan) as one review: changes,
 * destructive and irreversible ones loudly, findings delta, cost delta and, with a scenario,
 * the simulator on both sides.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { terminalText } from '../../format/terminal.js';
import type { FailOn } from '../../policy/finding.js';
import { PACK_NAMES } from '../../policy/rule.js';
import type { ReviewResult } from '../../review/review-types.js';
import { ExitCode } from '../exit-codes.js';
import { emit, type CliContext } from '../io.js';
import { collectInOrder, collectPack, integerAtLeast } from '../options.js';
import { capWorkers, runsOption } from '../sim-options.js';
import { stdinReader } from '../stdin.js';

/** Output formats of `acrkit review`. */
export const REVIEW_FORMATS = ['markdown', 'json', 'text', 'html'] as const;

interface ReviewFlags {
  readonly base?: string[];
  readonly head?: string[];
  readonly scenario?: string;
  readonly runs?: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly allowLarge?: boolean;
  readonly allowOutside?: boolean;
  readonly format: (typeof REVIEW_FORMATS)[number];
  readonly pack?: string[];
  readonly failOn?: FailOn;
  readonly allowDestroy?: boolean;
  readonly allowAccessLoss?: boolean;
  readonly config?: string;
  readonly out?: string;
  readonly varFile?: string[];
  readonly synth: boolean;
}

/** Registers `review`. */
export function registerReview(program: Command, ctx: CliContext): void {
  program
    .command('review')
    .description('review a change: base vs head inputs (or one plan JSON) as a pull-request comment')
    .argument('[plan]', "a terraform show -json plan (holds before and after; '-' reads stdin); or use --base and --head")
    .option('--base <paths...>', "the base side: cdktf.out, cdk.tf.json, plan JSON or .tf files/folders ('-' reads stdin, once in all)")
    .option('--head <paths...>', 'the head side, same kinds as --base')
    .option('--scenario <file>', 'simulate base and head with this scenario (same seed) and add the forecast')
    .option('--runs <n>', 'Monte Carlo runs for the scenario', runsOption)
    .option('--seed <n>', 'seed for the scenario', integerAtLeast('--seed', 0))
    .option('--workers <n>', 'worker threads for the scenario (0: in-process)', integerAtLeast('--workers', 0))
    .option('--allow-large', "simulate the scenario even above acrkit's cost limits (docs/scenario.md)")
    .option('--allow-outside', "let the scenario's initial exports point outside the working directory (trusted scenarios only)")
    .addOption(new Option('--format <format>', 'output format').choices([...REVIEW_FORMATS]).default('markdown'))
    .addOption(new Option('--pack <name>', `pack to run, repeatable (${PACK_NAMES.join(', ')}); default: all`).argParser(collectPack))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a new finding is at or above this severity (default: error)').choices(['error', 'warning', 'info', 'never']))
    .option('--allow-destroy', 'do not fail on destructive changes (they are still shown)')
    .option('--allow-access-loss', 'do not fail on changes that end data-plane access an identity has, such as a switch to rbac-abac (they are still shown)')
    .option('--config <file>', 'config file (default: acrkit.config.json in the working directory, if present)')
    .option('--out <file>', 'write the review to a file instead of stdout (the verdict goes to stderr in one line)')
    .option('--var-file <file>', 'variable values for the .tf folders of --base and --head, repeatable: applied after terraform.tfvars and *.auto.tfvars, in order', collectInOrder)
    .option('--no-synth', 'never run a cdktf app: a folder with cdktf.json is an input error (synthesize it first and pass cdktf.out)')
    .action(async (plan: string | undefined, flags: ReviewFlags) => {
      if (plan && (flags.base || flags.head)) throw new UsageError('review takes a plan or --base and --head, got both: pass one plan JSON, or --base and --head.');
      if (!plan && (!flags.base || !flags.head)) {
        throw new UsageError(`review needs a plan or both --base and --head, got ${flags.base ? 'only --base' : flags.head ? 'only --head' : 'neither'}: e.g. acrkit review --base base/cdktf.out --head cdktf.out.`);
      }
      const readStdin = stdinReader(ctx.io, plan, flags.base, flags.head);
      const { runReview } = await import('../../workflows/review.js');
      const { simulationDelta } = await import('../../workflows/review-forecast.js');
      const scenario = flags.scenario;
      const result = await runReview(plan ? { plan } : { base: flags.base!, head: flags.head! }, {
        cwd: ctx.io.cwd,
        ...(readStdin ? { readStdin } : {}),
        ...(flags.pack ? { packs: flags.pack } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
        ...(flags.allowDestroy ? { allowDestroy: true } : {}),
        ...(flags.allowAccessLoss ? { allowAccessLoss: true } : {}),
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
        ...(flags.varFile ? { varFiles: flags.varFile } : {}),
        ...(flags.synth === false ? { allowSynth: false } : {}),
        ...(scenario
          ? {
              simulate: (base, head) =>
                simulationDelta(scenario, base, head, {
                  cwd: ctx.io.cwd,
                  ...(flags.runs !== undefined ? { runs: flags.runs } : {}),
                  ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
                  ...(flags.workers !== undefined ? { workers: capWorkers(flags.workers, ctx.io)! } : {}),
                  ...(flags.allowLarge ? { allowLarge: true } : {}),
                  ...(flags.allowOutside ? { allowOutside: true } : {}),
                }),
            }
          : {}),
      });
      emit(ctx.io, await render(result, flags.format), flags.out, [...(plan ? [plan] : []), ...(flags.base ?? []), ...(flags.head ?? []), ...(scenario ? [scenario] : [])]);
      for (const e of result.inputErrors) if (flags.out || flags.format !== 'text') ctx.io.err(`acrkit: ${e.message}\n`);
      // With --out the review is in a file: one line on stderr tells the CI log how it went.
      if (flags.out) {
        const { verdictLine } = await import('../../report/review/counts.js');
        ctx.io.err(`acrkit review: ${terminalText(verdictLine(result))} (review written to ${terminalText(flags.out)})\n`);
      }
      const code = result.exitCode === 2 ? ExitCode.USAGE : result.exitCode === 1 ? ExitCode.FAILED : ExitCode.OK;
      ctx.exitCode = Math.max(ctx.exitCode, code);
    });
}

async function render(result: ReviewResult, format: ReviewFlags['format']): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../../report/review/json.js')).renderReviewJson(result);
    case 'text':
      return (await import('../../report/review/text.js')).renderReviewText(result);
    case 'html':
      return (await import('../../report/html/html.js')).renderReviewHtml(result);
    default:
      return (await import('../../report/review/markdown.js')).renderReviewMarkdown(result);
  }
}
