/**
 * `-` on the command line: standard input, read through the CliIO (so tests inject it),
 * only when a path is `-`, and at most once a run.
 */
import { UsageError } from '../errors.js';
import { STDIN_PATH, stdinCount } from '../sources/stdin.js';
import type { CliIO } from './io.js';

/**
 * The standard-input reader to hand to a workflow whose paths are `lists`: `undefined`
 * when no path is `-`. Throws a {@link UsageError} (exit 2) when `-` is given more than once,
 * since standard input can be read only once.
 *
 * @param lists every path argument and option of the verb, in any order
 */
export function stdinReader(io: CliIO, ...lists: ReadonlyArray<readonly string[] | string | undefined>): (() => Promise<string>) | undefined {
  const paths = lists.flatMap((l) => (l === undefined ? [] : typeof l === 'string' ? [l] : [...l]));
  const dashes = stdinCount(paths);
  if (dashes === 0) return undefined;
  if (dashes > 1) throw new UsageError(`'${STDIN_PATH}' (standard input) must be given at most once, got it ${dashes} times: save all but one input to a file and pass its path.`);
  return io.readStdin ?? (async () => '');
}
