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
}

/** The real process streams. */
export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Whether to colour output: a TTY, and NO_COLOR unset (https://no-color.org). */
export function useColor(io: CliIO): boolean {
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
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
}
