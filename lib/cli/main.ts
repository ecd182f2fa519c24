/**
 * The acrkit command line: `acrkit <verb> ...`. Each verb lives in commands/<verb>.ts.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { isAcrkitError, isInputError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import { processIO, type CliContext, type CliIO } from './io.js';

/** Registers one verb on the program. */
type RegisterVerb = (program: Command, ctx: CliContext) => void;

/**
 * Every verb, in `--help` order, with a loader for its module: a run imports only the
 * modules of the verbs it may use. Verbs register here, one line each.
 */
const VERBS: ReadonlyArray<readonly [name: string, load: () => Promise<RegisterVerb>]> = [
  ['tiers', async () => (await import('./commands/tiers.js')).registerTiers],
  ['start', async () => (await import('./commands/start.js')).registerStart],
  ['simulate', async () => (await import('./commands/simulate.js')).registerSimulate],
  ['check', async () => (await import('./commands/check.js')).registerCheck],
  ['review', async () => (await import('./commands/review.js')).registerReview],
];

/** The verbs `argv` can run: the one it names first, else every verb (help, usage errors). */
function verbsFor(argv: readonly string[] | undefined): typeof VERBS {
  const named = VERBS.filter(([name]) => name === argv?.[0]);
  return named.length ? named : VERBS;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Builds the commander program with every verb registered, or with only the verb `argv`
 * names first when it names one (the other verbs' modules are then never loaded).
 *
 * @param argv the arguments `main` will parse (default: register every verb)
 */
export async function buildProgram(ctx: CliContext, argv?: readonly string[]): Promise<Command> {
  const program = new Command('acrkit')
    .description('Azure Container Registry with Terraform: constructs, policy checks and what-if simulation')
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showHelpAfterError('(run acrkit <command> --help for usage)');
  // One at a time: jest's ESM loader races on concurrent imports that share modules.
  for (const [, load] of verbsFor(argv)) (await load())(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code:
 * 0 ok, 1 findings or failed assertions, 2 bad usage or input, 70 a bug in acrkit.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: ExitCode.OK };
  const program = await buildProgram(ctx, argv);
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
