/**
 * Stopping a long command on SIGINT (Ctrl-C) or SIGTERM (a cancelled CI job, a deleted pod):
 * the command gets an abort signal to pass down (the Monte Carlo pool terminates its workers),
 * writes nothing, and exits 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as a
 * shell reports a process the signal killed. A second signal of the same kind while stopping
 * gets Node's default handling: the process ends at once.
 */
import { constants } from 'node:os';

/** The signals a command stops on. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** A command's hold on SIGINT and SIGTERM, from {@link onInterrupt}. */
export interface Interrupt {
  /** Fires on the first signal; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** Gives the signals back to their default handling. */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM until {@link Interrupt.dispose}. */
export function onInterrupt(): Interrupt {
  const ctl = new AbortController();
  const handlers = SIGNALS.map((name) => [name, () => ctl.abort(name)] as const);
  for (const [name, h] of handlers) process.once(name, h);
  return {
    signal: ctl.signal,
    dispose: () => {
      for (const [name, h] of handlers) process.removeListener(name, h);
    },
  };
}

/** The exit code of a process stopped by signal `name`: 128 + its number (130 for SIGINT). */
export function interruptExitCode(name: string): number {
  const n = (constants.signals as Record<string, number | undefined>)[name];
  return 128 + (n ?? constants.signals.SIGINT);
}
