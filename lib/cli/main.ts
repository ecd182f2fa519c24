/**
 * The acrkit command line: `acrkit <verb> ...`. Each verb lives in commands/<verb>.ts.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { isAcrkitError, isInputError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import { processIO, type CliContext, type CliIO } from './io.js';
import { registerStart } from './commands/start.js';
import { registerTiers } from './commands/tiers.js';
// Verbs register here, one line each.
import { registerSimulate } from './commands/simulate.js';
import { registerCheck } from './commands/check.js';
import { registerReview } from './commands/review.js';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Builds the commander program with every verb registered. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('acrkit')
    .description('Azure Container Registry with Terraform: constructs, policy checks and what-if simulation')
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showHelpAfterError('(run acrkit <command> --help for usage)');
  registerTiers(program, ctx);
  registerStart(program, ctx);
  // Verbs register here, one line each.
  registerSimulate(program, ctx);
  registerCheck(program, ctx);
  registerReview(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code:
 * 0 ok, 1 findings or failed assertions, 2 bad usage or input, 70 a bug in acrkit.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: ExitCode.OK };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.OK;
      return ExitCode.USAGE; // commander has already printed the message
    }
    if (isInputError(e) || isAcrkitError(e)) {
      io.err(`acrkit: ${(e as Error).message}\n`);
      return ExitCode.USAGE;
    }
    io.err(`acrkit: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.INTERNAL;
  }
}
