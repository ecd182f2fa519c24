/**
 * The CLI's view of the outside world, injectable for tests.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Streams, environment and working directory the CLI uses. */
export interface CliIO {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /** Whether standard output is a terminal (colours, progress bars). */
  readonly isTTY: boolean;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory relative paths resolve against. */
  readonly cwd: string;
  /**
   * Reads all of standard input as UTF-8. Called only when a path is `-`, at most once a run.
   * @default - standard input reads as empty
   */
  readonly readStdin?: () => Promise<string>;
}

/** The real process streams. */
export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    readStdin: readProcessStdin,
  };
}

/** Reads the process's standard input to its end, as UTF-8. */
async function readProcessStdin(): Promise<string> {
  process.stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of process.stdin) text += chunk as string;
  return text;
}

/**
 * Whether to colour output. First rule that applies wins:
 * 1. `--no-color` given (`flag === false`): no colour;
 * 2. `NO_COLOR` set and non-empty (https://no-color.org): no colour;
 * 3. `FORCE_COLOR` set and non-empty: colour, even without a terminal, unless it is `0` or
 *    `false`, which turn colour off;
 * 4. otherwise colour only on a terminal whose `TERM` is not `dumb`.
 *
 * @param flag the `--no-color` option: `false` when given, else `undefined`
 */
export function useColor(io: CliIO, flag?: boolean): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force) return force !== '0' && force.toLowerCase() !== 'false';
  return io.isTTY && io.env.TERM !== 'dumb';
}

/** Writes `text` to `--out FILE` when given (creating folders), else to stdout. */
export function emit(io: CliIO, text: string, outFile?: string): void {
  if (outFile) {
    const path = resolve(io.cwd, outFile);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
  } else {
    io.out(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** What a command gets: the IO, and where to leave its exit code. */
export interface CliContext {
  /** Streams and environment. */
  readonly io: CliIO;
  /** Exit code the command asks for (the highest set wins). */
  exitCode: number;
  /**
   * The global `--no-color` option: `false` when given (see {@link useColor}).
   * @default - not given
   */
  color?: boolean;
}
