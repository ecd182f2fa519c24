/**
 * Reading an input file: only a regular file, at most {@link MAX_INPUT_BYTES}, as UTF-8 (or
 * UTF-16 with a byte-order mark), with an {@link InputError} that names the file, what it had to
 * be and the fix when it cannot be.
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

/**
 * The text of an input's bytes: UTF-8 (a byte-order mark is dropped), or UTF-16 with its
 * byte-order mark (what some Windows editors and PowerShell write). Anything else, Latin-1
 * for instance, is an {@link InputError} that names the encoding problem and the fix, never
 * text with replacement characters.
 */
export function decodeText(bytes: Uint8Array, ctx: Pick<ReadContext, 'shown' | 'what'>): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const at = firstInvalidUtf8(bytes.subarray(start)) + start;
    const line = bytes.subarray(0, at).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
    throw new InputError(
      { file: ctx.shown, line },
      `${ctx.what} must be UTF-8 text, got byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${at}, which UTF-8 does not allow (Latin-1 or another legacy encoding?): save the file as UTF-8.`,
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}

function failure(ctx: ReadContext, got: string): InputError {
  return new InputError({ file: ctx.shown }, `${ctx.what} must be a readable file, got ${got}: ${ctx.fix}.`);
}

/**
 * Reads `path` as UTF-8 text; throws an {@link InputError} when it is not a readable regular
 * file. The file is looked at before it is opened, so a pipe or a device is refused, never read.
 */
export async function readInputText(path: string, ctx: ReadContext): Promise<string> {
  return decodeText(await readInputBytes(path, ctx), ctx);
}

/**
 * Reads `path`'s bytes (a binary input, or text decoded by the caller); throws an
 * {@link InputError} when it is not a readable regular file of at most {@link MAX_INPUT_BYTES}.
 */
export async function readInputBytes(path: string, ctx: ReadContext): Promise<Buffer> {
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
    return await readFile(abs);
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
  let bytes: Buffer;
  try {
    // Most inputs are plain UTF-8 without a byte-order mark: Node decodes those in one native
    // call. A replacement character (an invalid byte, UTF-16, or one written in the file) or a
    // byte-order mark sends the file through decodeText, which decides exactly as before.
    const text = readFileSync(abs, 'utf8');
    if (!text.includes('\uFFFD') && text.charCodeAt(0) !== 0xfeff) return text;
    bytes = readFileSync(abs);
  } catch (e) {
    throw failure(ctx, errnoText(e));
  }
  return decodeText(bytes, ctx);
}
