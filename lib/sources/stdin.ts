/**
 * Standard input as an input path: `-` reads a plan JSON or a cdk.tf.json from stdin, and
 * locations and messages name it `<stdin>`.
 */

/** The path that means standard input. */
export const STDIN_PATH = '-';

/** How standard input is named in locations, messages and reports. */
export const STDIN_NAME = '<stdin>';

/** How many of `paths` are {@link STDIN_PATH}. */
export function stdinCount(paths: readonly string[]): number {
  return paths.filter((p) => p === STDIN_PATH).length;
}

/** Whether a location's `file` is standard input rather than a file on disk. */
export function isStdinName(file: string | undefined): boolean {
  return file === STDIN_NAME;
}
