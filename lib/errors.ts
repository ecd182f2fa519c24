import { isAbsolute, relative, resolve } from 'node:path';
import { formatLocation, type Location } from './input/location.js';

/**
 * Error classes. Each has a literal `name` (compare it across realms with the `is*` guards)
 * and the context a user needs to fix the problem.
 */

/** Base class of every error acrkit throws on purpose. */
export class AcrkitError extends Error {
  override name: string = 'AcrkitError';
}

/** A region name that the catalog does not know. */
export class UnknownRegionError extends AcrkitError {
  override name = 'UnknownRegionError' as const;
  constructor(
    /** The name as given. */
    readonly input: string,
    /** Canonical names that are close to it. */
    readonly suggestions: readonly string[],
  ) {
    super(
      `region must be an Azure public region, got '${input}'` +
        (suggestions.length ? `: did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '.'),
    );
  }
}

/** Where in a user's input a problem is: a {@link Location} that names its file. */
export type InputLocation = Location & { readonly file: string };

/** An input file that cannot be read, parsed or understood. Exit code 2. */
export class InputError extends AcrkitError {
  override name = 'InputError' as const;
  constructor(
    /** Where the problem is. */
    readonly location: InputLocation,
    /** What is wrong, with the value seen and the fix. */
    readonly reason: string,
  ) {
    super(`${formatLocation(location)}: ${reason}`);
  }
}

/** Several input problems found together. Exit code 2. */
export class InputErrors extends AcrkitError {
  override name = 'InputErrors' as const;
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** Bad command-line usage (unknown flag value, missing argument). Exit code 2. */
export class UsageError extends AcrkitError {
  override name = 'UsageError' as const;
}

/** `path` as the user should read it: relative to `cwd` when it lies below it, else as given. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Whether `e` is an {@link AcrkitError} (by name, so it works across module copies). */
export function isAcrkitError(e: unknown): e is AcrkitError {
  return e instanceof AcrkitError || (e instanceof Error && /^(Acrkit|UnknownRegion|Input|Usage)/.test(e.name));
}

/** Whether `e` is an {@link InputError} or {@link InputErrors}. */
export function isInputError(e: unknown): e is InputError | InputErrors {
  return e instanceof Error && (e.name === 'InputError' || e.name === 'InputErrors');
}
