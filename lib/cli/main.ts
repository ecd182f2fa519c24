/**
 * The acrkit command line: `acrkit <verb> ...`. Each verb lives in commands/<verb>.ts.
 */
import { Command, CommanderError } from 'commander';
import { isAcrkitError, isInputError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import { ACRKIT_VERSION } from '../version.js';
import { processIO, type CliContext, type CliIO } from './io.js';
import { errnoText } from '../input/read.js';

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

/**
 * The verbs `argv` can run: the one it names first, none for a lone `--version`, else every verb
 * (help, usage errors).
 */
function verbsFor(argv: readonly string[] | undefined): typeof VERBS {
  if (argv?.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  const named = VERBS.filter(([name]) => name === argv?.[0]);
  return named.length ? named : VERBS;
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
    .version(ACRKIT_VERSION)
    .option('--no-color', 'do not colour the output (also: NO_COLOR=1; FORCE_COLOR=1 colours without a terminal)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showHelpAfterError('(run acrkit <command> --help for usage)');
  // One at a time: jest's ESM loader races on concurrent imports that share modules.
  for (const [, load] of verbsFor(argv)) (await load())(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  // Global options, before or after the verb: `acrkit --no-color check ...` or `acrkit check ... --no-color`.
  program.hook('preAction', () => {
    if (program.opts<{ color?: boolean }>().color === false) ctx.color = false;
  });
  return program;
}

/** File-system errors that a path the user chose explains (not a bug in acrkit). */
const FILE_SYSTEM_CODES: ReadonlySet<string> = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EEXIST', 'ELOOP', 'ENAMETOOLONG', 'EDQUOT']);

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code:
 * 0 ok, 1 findings or failed assertions, 2 bad usage or input, 70 a bug in acrkit.
 * No verb prints the help to stderr and exits 2; an unknown verb exits 2 with commander's
 * message; `--help` and `--version` exit 0.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: ExitCode.OK };
  const program = await buildProgram(ctx, argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.OK;
      // `acrkit help` asks for help (0); no verb, or `acrkit help <unknown>`, is help shown on stderr (2).
      if (e.code === 'commander.help') return e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
      return ExitCode.USAGE; // commander has already printed the message
    }
    if (isInputError(e) || isAcrkitError(e)) {
      io.err(`acrkit: ${(e as Error).message}\n`);
      return ExitCode.USAGE;
    }
    const fsError = e as NodeJS.ErrnoException;
    if (typeof fsError?.code === 'string' && typeof fsError.path === 'string' && FILE_SYSTEM_CODES.has(fsError.code)) {
      // A file the user named (or the folder a verb writes to) cannot be used: their fix, not a bug.
      io.err(`acrkit: ${fsError.path} must be usable, got ${errnoText(e)}: check the path and its permissions.\n`);
      return ExitCode.USAGE;
    }
    io.err(`acrkit: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.INTERNAL;
  }
}
