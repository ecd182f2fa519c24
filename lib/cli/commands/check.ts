/**
 * `acrkit check <paths...>`: runs the policy packs over plans, cdk.tf.json, cdktf.out
 * folders and .tf files (or `-`: a plan JSON or cdk.tf.json on stdin), and reports as text,
 * JSON, Markdown, SARIF, JUnit XML or GitHub Actions workflow commands.
 */
import { Command, Option } from 'commander';
import type { FailOn } from '../../policy/finding.js';
import { PACK_NAMES } from '../../policy/rule.js';
import type { CheckRun } from '../../workflows/check.js';
import { ExitCode } from '../exit-codes.js';
import { emit, emitParts, useColor, type CliContext } from '../io.js';
import { collectInOrder, collectPack } from '../options.js';
import { stdinReader } from '../stdin.js';
import { terminalText } from '../../format/terminal.js';
import { formatLocation } from '../../input/location.js';

/** Output formats of `acrkit check`. */
export const CHECK_FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;

/** Options `acrkit check` parses. */
interface CheckFlags {
  readonly format: (typeof CHECK_FORMATS)[number];
  readonly pack?: string[];
  readonly failOn?: FailOn;
  readonly out?: string;
  readonly config?: string;
  readonly varFile?: string[];
  readonly synth: boolean;
}

/** Registers `check`. */
export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('check registries in plans, cdk.tf.json, cdktf.out folders and .tf files against policy packs')
    .argument('<paths...>', "files or directories: plan JSON, *.tf.json / cdk.tf.json, cdktf.out, .tf; '-' reads a plan JSON or cdk.tf.json from stdin")
    .addOption(new Option('--format <format>', 'output format').choices([...CHECK_FORMATS]).default('text'))
    .addOption(new Option('--pack <name>', `pack to run, repeatable (${PACK_NAMES.join(', ')}); default: all`).argParser(collectPack))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity (default: error)').choices(['error', 'warning', 'info', 'never']))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--config <file>', 'config file (default: acrkit.config.json in the working directory, if present)')
    .option('--var-file <file>', 'variable values for .tf inputs, repeatable: applied after terraform.tfvars and *.auto.tfvars, in order, as terraform -var-file', collectInOrder)
    .option('--no-synth', 'never run a cdktf app: a folder with cdktf.json is an input error (synthesize it first and pass cdktf.out)')
    .action(async (paths: string[], flags: CheckFlags) => {
      const readStdin = stdinReader(ctx.io, paths);
      const { runCheck } = await import('../../workflows/check.js');
      const run = await runCheck(paths, {
        cwd: ctx.io.cwd,
        ...(readStdin ? { readStdin } : {}),
        ...(flags.pack ? { packs: flags.pack } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
        ...(flags.varFile ? { varFiles: flags.varFile } : {}),
        ...(flags.synth === false ? { allowSynth: false } : {}),
      });
      // The JSON report is written a few dozen findings at a time: a large one is tens of megabytes.
      if (flags.format === 'json') await emitParts(ctx.io, (await import('../../report/check/json.js')).renderJsonParts(run.result), flags.out, paths);
      else emit(ctx.io, await render(run, flags.format, ctx), flags.out, paths);
      if (flags.format !== 'text' || flags.out) for (const e of run.result.inputErrors ?? []) ctx.io.err(`acrkit: ${e.message}\n`);
      for (const w of run.warnings) ctx.io.err(`acrkit: warning: ${terminalText(`${formatLocation(w.location)}: ${w.message}`)}\n`);
      const code = run.exitCode === 2 ? ExitCode.USAGE : run.exitCode === 1 ? ExitCode.FAILED : ExitCode.OK;
      ctx.exitCode = Math.max(ctx.exitCode, code);
    });
}

/** Renders with the one reporter the format needs (loaded on demand); JSON is written in parts instead. */
async function render(run: CheckRun, format: Exclude<CheckFlags['format'], 'json'>, ctx: CliContext): Promise<string> {
  const { result } = run;
  switch (format) {
    case 'markdown':
      return (await import('../../report/check/markdown.js')).renderMarkdown(result);
    case 'sarif':
      return (await import('../../report/check/sarif.js')).renderSarif(result, { cwd: ctx.io.cwd });
    case 'junit':
      return (await import('../../report/check/junit.js')).renderJunit(result, { failOn: run.failOn });
    case 'github':
      return (await import('../../report/check/github-actions.js')).renderGithubActions(result, { cwd: ctx.io.cwd });
    default:
      return (await import('../../report/check/text.js')).renderText(result, { color: useColor(ctx.io, ctx.color) });
  }
}
