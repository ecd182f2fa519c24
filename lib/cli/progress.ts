/**
 * Progress of a long command on a terminal: one line redrawn in place (`shard 2/4: 13/25 runs`),
 * at most ten times a second and on the last step, ended with a newline. Nothing at all when the
 * stream is not a terminal (CI logs, pipes, files).
 */
import type { ProgressStream } from './io.js';

/** Progress of a count of steps. */
export interface Progress {
  /** Reports `done` steps finished. */
  update(done: number): void;
  /** Draws the last state and ends the line (once; later calls do nothing). */
  stop(): void;
}

/** Options of {@link countProgress}. */
export interface ProgressOptions {
  /**
   * Clock in ms, for throttling.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Least ms between two redraws (the last step is always drawn).
   * @default 100
   */
  readonly everyMs?: number;
}

const NONE: Progress = { update: () => {}, stop: () => {} };

/**
 * A progress line `label: done/total unit` on `stream`, redrawn in place (carriage return, erase
 * to end of line). Does nothing when `stream` is absent or not a terminal, or `total` < 2.
 * `label` and `unit` are acrkit's own words, never input.
 */
export function countProgress(stream: ProgressStream | undefined, label: string, total: number, unit: string, options: ProgressOptions = {}): Progress {
  if (!stream?.isTTY || total < 2) return NONE;
  const now = options.now ?? Date.now;
  const every = options.everyMs ?? 100;
  let shown = -1;
  let latest = 0;
  let last = -Infinity;
  let stopped = false;
  const draw = (): void => {
    stream.write(`\r${label}: ${latest}/${total} ${unit}\x1b[K`);
    shown = latest;
    last = now();
  };
  draw();
  return {
    update(done) {
      if (stopped) return;
      latest = done;
      if (done >= total || now() - last >= every) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (shown !== latest) draw();
      stream.write('\n');
    },
  };
}
