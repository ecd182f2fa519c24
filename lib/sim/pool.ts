/**
 * A worker-thread pool in which each worker pulls the next task as it finishes one, so a fast
 * worker is never left idle while a slow one still has a queue. The Monte Carlo runs on it, and
 * the simulator benchmark runs its compute-only reference on it.
 *
 * It stops promptly and whole: when a worker fails (throws, exits early or with a non-zero code)
 * or the abort signal fires, every worker is terminated, and only once all their threads are gone
 * does the pool reject, so no thread outlives the call.
 */
import { Worker } from 'node:worker_threads';
import { SimulationInterruptedError, SimulationWorkerError } from './errors.js';

/** What to start a worker from: a module file, or code to evaluate when `eval` is true. */
export interface WorkerEntry {
  /** Module URL, or code. */
  readonly entry: URL | string;
  /** Whether `entry` is code. */
  readonly eval: boolean;
}

/** Options of {@link pullPool}. */
export interface PoolOptions {
  /**
   * Stops the pool: every worker is terminated and the pool rejects with a
   * {@link SimulationInterruptedError} (its reason: the signal's reason when it is a string).
   * @default - runs to the end
   */
  readonly signal?: AbortSignal;
  /**
   * How a task is named in an error message, e.g. `run 7`.
   * @default - `task k`
   */
  readonly taskName?: (task: number) => string;
}

/** The error an aborted `signal` stands for. */
export function interruption(signal: AbortSignal): SimulationInterruptedError {
  return new SimulationInterruptedError(typeof signal.reason === 'string' ? signal.reason : 'aborted');
}

/** Throws {@link interruption} when `signal` has fired. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruption(signal);
}

/**
 * Runs tasks 0..`count`-1 on `workers` threads started from `entry` with `workerData`. A worker
 * is sent a task index, replies with one message when it is done, and is then sent the next index,
 * or `null` when none are left (it must then exit). Resolves when every worker has exited cleanly
 * after every task was answered; rejects with a {@link SimulationWorkerError} if a worker fails
 * (or `onReply` throws), or a {@link SimulationInterruptedError} when `options.signal` fires,
 * in both cases after terminating every worker.
 */
export function pullPool<Reply>(entry: WorkerEntry, workerData: unknown, count: number, workers: number, onReply: (reply: Reply) => void, options: PoolOptions = {}): Promise<void> {
  const { signal } = options;
  const name = options.taskName ?? ((k: number) => `task ${k}`);
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(interruption(signal));
      return;
    }
    let next = 0;
    let answered = 0;
    let running = 0;
    let failure: Error | undefined;
    const live = new Set<Worker>();
    const take = (): number | null => (next < count ? next++ : null);

    const onAbort = (): void => stop(interruption(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });

    /** Settles once every thread has exited. */
    const settle = (): void => {
      if (running > 0) return;
      signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (answered < count) reject(new SimulationWorkerError(`the workers exited with ${count - answered} of ${count} tasks unanswered`));
      else resolve();
    };
    /** Records the first failure and terminates every worker still running. */
    const stop = (e: Error): void => {
      if (failure) return;
      failure = e;
      for (const w of live) void w.terminate();
    };

    for (let i = 0; i < workers; i++) {
      let current: number | null = take();
      const w = new Worker(entry.entry, { workerData, eval: entry.eval });
      live.add(w);
      running++;
      w.on('message', (reply: Reply) => {
        if (failure) return;
        answered++;
        try {
          onReply(reply);
        } catch (e) {
          stop(e instanceof Error ? e : new SimulationWorkerError(String(e)));
          return;
        }
        current = take();
        w.postMessage(current);
      });
      w.on('error', (e: Error) => stop(new SimulationWorkerError(current === null ? e.message : `${name(current)}: ${e.message}`)));
      w.on('exit', (code) => {
        live.delete(w);
        running--;
        if (code !== 0) stop(new SimulationWorkerError(`worker exited with code ${code}${current === null ? '' : ` during ${name(current)}`}`));
        settle();
      });
      w.postMessage(current);
    }
    if (workers <= 0) settle();
  });
}
