/**
 * The CLI's view of the outside world, injectable for tests.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { errnoText } from '../input/read.js';

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
  /**
   * Where progress goes (lib/cli/progress.ts): shown only when it is a terminal.
   * @default - no progress
   */
  readonly progress?: ProgressStream;
  /**
   * Resolves once standard output has taken what was written to it (undefined when it already
   * has): a report written in parts ({@link emitParts}) waits on it between parts.
   * @default - never waits
   */
  readonly drained?: () => Promise<void> | undefined;
}

/** A stream progress is drawn on (standard error): redrawn in place when it is a terminal. */
export interface ProgressStream {
  /** Whether it is a terminal. */
  readonly isTTY?: boolean;
  /** Writes text. */
  write(text: string): unknown;
}

/**
 * The real process streams. A closed stdout (`acrkit check plan.json | head`) ends the
 * process quietly instead of with an EPIPE stack trace.
 */
export function processIO(): CliIO {
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    readStdin: readProcessStdin,
    progress: process.stderr,
    drained: stdoutDrained,
  };
}

/** Resolves when stdout's buffer has drained (or stdout closed); undefined when nothing waits. */
function stdoutDrained(): Promise<void> | undefined {
  const s = process.stdout;
  if (!s.writableNeedDrain) return undefined;
  return new Promise((done) => {
    const end = (): void => {
      s.off('drain', end).off('close', end);
      done();
    };
    s.on('drain', end).on('close', end);
  });
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

/**
 * Writes `text` to `--out FILE` when given, else to stdout. The file is written whole or not
 * at all (a temporary file beside it, then a rename), folders are created, and a path that is
 * one of the run's inputs is refused: a report never overwrites what it reports on.
 *
 * @param inputs the paths the run reads (relative to the working directory or absolute)
 * @default inputs - none
 */
export function emit(io: CliIO, text: string, outFile?: string, inputs: readonly string[] = []): void {
  // The newline is written on its own rather than appended: `${text}\n` would copy a report of
  // tens of megabytes (a check of 10,000 registries) once more before it is encoded.
  const pieces = text.endsWith('\n') ? [text] : [text, '\n'];
  if (outFile) writeFileParts(io, pieces, outFile, inputs);
  else for (const piece of pieces) io.out(piece);
}

/**
 * {@link emit} for a report made in parts (a JSON report of tens of thousands of findings): each
 * part is written as it is made, waiting for standard output to drain between parts, so the
 * report is never one string; a newline ends it. `--out FILE` is written whole or not at all, as
 * {@link emit} writes it.
 *
 * @param inputs the paths the run reads (relative to the working directory or absolute)
 * @default inputs - none
 */
export async function emitParts(io: CliIO, parts: Iterable<string>, outFile?: string, inputs: readonly string[] = []): Promise<void> {
  if (outFile) {
    writeFileParts(io, withNewline(parts), outFile, inputs);
    return;
  }
  for (const part of parts) {
    io.out(part);
    await io.drained?.();
  }
  io.out('\n');
}

/** `parts`, then a newline. */
function* withNewline(parts: Iterable<string>): Generator<string> {
  yield* parts;
  yield '\n';
}

/**
 * Writes `parts` (text as UTF-8, bytes as they are) to `outFile` and nothing else, whole or not
 * at all, as {@link emit} writes `--out`: for a file that is not text, such as a binary part.
 *
 * @param inputs the paths the run reads (relative to the working directory or absolute)
 * @default inputs - none
 */
export function writeFileParts(io: CliIO, parts: Iterable<string | Uint8Array>, outFile: string, inputs: readonly string[] = []): void {
  writeWhole(outTarget(io, outFile, inputs), (fd) => {
    for (const part of parts) writeAll(fd, part);
  });
}

/** Where `--out FILE` goes and the error for a path that cannot be written. */
interface OutTarget {
  readonly path: string;
  readonly fail: (got: string) => UsageError;
}

/** Checks `--out FILE`: never one of the inputs, never a folder, a device or a pipe. */
function outTarget(io: CliIO, outFile: string, inputs: readonly string[]): OutTarget {
  const path = resolve(io.cwd, outFile);
  if (inputs.some((i) => i !== '-' && resolve(io.cwd, i) === path)) {
    throw new UsageError(`--out must not be one of the inputs, got ${outFile}, which the run reads: write the report to another file.`);
  }
  const fail = (got: string): UsageError => new UsageError(`--out must be a file acrkit can write, got ${outFile}: ${got}; choose another path.`);
  let existing: Stats | undefined;
  try {
    existing = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    throw fail(errnoText(e));
  }
  // Never rename over a folder, a device or a pipe: only a regular file is replaced.
  if (existing && !existing.isFile()) throw fail(existing.isDirectory() ? 'a directory' : 'not a regular file (a device or a pipe)');
  return { path, fail };
}

/** Writes all of `data` to `fd`, text as UTF-8 (a write may take less than it is given). */
function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Writes a file whole or not at all: `write` fills a temporary file beside it, renamed over it once complete. */
function writeWhole({ path, fail }: OutTarget, write: (fd: number) => void): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temp, 'w');
    try {
      write(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the temporary file could not even be created
    }
    // A failing file system is the path's problem; anything else (a report that could not be
    // made) is not, and is thrown as it is.
    throw (e as NodeJS.ErrnoException | null)?.code !== undefined ? fail(errnoText(e)) : e;
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
