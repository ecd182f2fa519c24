/**
 * Reading an input file: only a regular file, at most {@link MAX_INPUT_BYTES}, as UTF-8, with
 * an {@link InputError} that names the file, what it had to be and the fix when it cannot be.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';

/** The largest input acrkit reads (256 MiB): a plan of 10,000 registries is about 30 MB. */
export const MAX_INPUT_BYTES = 256 * 1024 ** 2;

/** What an input is called in messages and how to fix a bad one. */
export interface ReadContext {
  /** Working directory a relative path resolves against. */
  readonly cwd: string;
  /** The file as the user should read it (e.g. relative to the working directory). */
  readonly shown: string;
  /** What the file is, e.g. `scenario file`. */
  readonly what: string;
  /** The fix, e.g. `check --scenario`. */
  readonly fix: string;
}

/** An errno as words: `no such file (ENOENT)`. */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'a directory',
    ENOTDIR: 'a path through a file',
    ELOOP: 'a symbolic link loop',
  };
  return code ? `${words[code] ?? 'an error'} (${code})` : e instanceof Error ? e.message : 'an error';
}

/** Why `st` cannot be read as an input, or undefined when it can. */
function refusal(st: Stats): string | undefined {
  if (!st.isFile()) return st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
  if (st.size > MAX_INPUT_BYTES) return `${st.size} bytes, over the ${MAX_INPUT_BYTES} byte limit`;
  return undefined;
}

function failure(ctx: ReadContext, got: string): InputError {
  return new InputError({ file: ctx.shown }, `${ctx.what} must be a readable file, got ${got}: ${ctx.fix}.`);
}

/**
 * Reads `path` as UTF-8 text; throws an {@link InputError} when it is not a readable regular
 * file. The file is looked at before it is opened, so a pipe or a device is refused, never read.
 */
export async function readInputText(path: string, ctx: ReadContext): Promise<string> {
  const abs = resolve(ctx.cwd, path);
  let st: Stats;
  try {
    st = await stat(abs);
  } catch (e) {
    throw failure(ctx, errnoText(e));
  }
  const no = refusal(st);
  if (no) throw failure(ctx, no);
  try {
    return await readFile(abs, 'utf8');
  } catch (e) {
    throw failure(ctx, errnoText(e));
  }
}

/** {@link readInputText}, synchronously (for the few callers whose API is synchronous). */
export function readInputTextSync(path: string, ctx: ReadContext): string {
  const abs = resolve(ctx.cwd, path);
  let st: Stats;
  try {
    st = statSync(abs);
  } catch (e) {
    throw failure(ctx, errnoText(e));
  }
  const no = refusal(st);
  if (no) throw failure(ctx, no);
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    throw failure(ctx, errnoText(e));
  }
}
